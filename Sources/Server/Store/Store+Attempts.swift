import Foundation
import SQLite

/// Attempts beyond starting and submitting: the answers saved while one is open, a learner's list,
/// and extra attempts granted by a course's staff.
extension Store {
    static let attemptColumns = "id, user_id, course, quiz, started_at, deadline, question_order, submitted_at, answers, score, passed, draft"

    static func attemptRow(_ row: Row) -> Attempt {
        Attempt(id: row.int(0), userID: row.int(1), course: row.string(2) ?? "", quiz: row.string(3) ?? "", startedAt: row.int(4),
                deadline: row.isNull(5) ? nil : row.int(5), questionOrder: (row.string(6) ?? "").split(separator: "\n").map(String.init),
                submittedAt: row.isNull(7) ? nil : row.int(7), answersJSON: row.string(8),
                score: row.isNull(9) ? nil : row.double(9), passed: row.isNull(10) ? nil : row.int(10) != 0, draftJSON: row.string(11))
    }

    /// `max_attempts` plus the extra attempts granted to this learner (`key`: user id, course, quiz); nil: unlimited.
    static func allowedAttempts(_ db: any Database, key: [SQLValue], maxAttempts: Int?) throws -> Int? {
        guard let maxAttempts else { return nil }
        let extra = try db.prepare("SELECT extra FROM attempt_grant WHERE user_id = ? AND course = ? AND quiz = ?").first(key) { $0.int(0) } ?? 0
        return maxAttempts + extra
    }

    /// A learner's attempts at a quiz, oldest first.
    func attempts(userID: Int, course: String, quiz: String) throws -> [Attempt] {
        try read { db in
            try db.prepare("SELECT \(Self.attemptColumns) FROM attempt WHERE user_id = ? AND course = ? AND quiz = ? ORDER BY id")
                .rows([.integer(Int64(userID)), .text(course), .text(quiz)], Self.attemptRow)
        }
    }

    /// How many attempts the learner may make in all (nil: unlimited).
    func allowedAttempts(userID: Int, course: String, quiz: String, maxAttempts: Int?) throws -> Int? {
        try read { db in try Self.allowedAttempts(db, key: [.integer(Int64(userID)), .text(course), .text(quiz)], maxAttempts: maxAttempts) }
    }

    /// Saves the answers given so far; false when the attempt is no longer open (submitted or past its deadline).
    func saveDraft(attemptID: Int, answersJSON: String) throws -> Bool {
        try write { db in
            try db.prepare("UPDATE attempt SET draft = ? WHERE id = ? AND submitted_at IS NULL AND (deadline IS NULL OR deadline + 30 >= ?)")
                .run([.text(answersJSON), .integer(Int64(attemptID)), .integer(Int64(Self.now))]) == 1
        }
    }

    /// Gives a learner `count` more attempts at a quiz; the learner's extra attempts in all.
    func grantAttempts(userID: Int, course: String, quiz: String, count: Int) throws -> Int {
        try write { db in
            let key: [SQLValue] = [.integer(Int64(userID)), .text(course), .text(quiz)]
            try db.prepare("""
                INSERT INTO attempt_grant (user_id, course, quiz, extra) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, course, quiz) DO UPDATE SET extra = attempt_grant.extra + excluded.extra
                """).run(key + [.integer(Int64(count))])
            return try db.prepare("SELECT extra FROM attempt_grant WHERE user_id = ? AND course = ? AND quiz = ?").first(key) { $0.int(0) } ?? count
        }
    }
}
