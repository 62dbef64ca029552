import Foundation
import SQLite

/// What a SCORM runtime committed for one SCO of one attempt: element → value, as the data model's strings.
public struct ScormCMI: Sendable, Codable, Equatable {
    public var attempt: Int
    public var values: [String: String]
    /// The last commit's number; the next must be higher.
    public var sequence: Int
    /// Whether a session ended (Terminate / LMSFinish) with this data.
    public var terminated: Bool
    @Timestamp public var updatedAt: Int
}

extension Store {
    /// The learner's newest attempt at a SCO, nil before any commit.
    func latestScormCMI(packageID: Int, userID: Int, sco: String) throws -> ScormCMI? {
        try read { db in try Self.latestScormCMI(db, packageID, userID, sco) }
    }

    func commitScormCMI(packageID: Int, userID: Int, attempt: Int, sco: String, sequence: Int, values: [String: String],
                        terminated: Bool, endsAttempt: (ScormCMI) -> Bool) throws -> ScormCMI {
        try write { db in
            let latest = try Self.latestScormCMI(db, packageID, userID, sco)
            // Only the current attempt takes data: the newest, or the next once the newest ended.
            let current = latest.map { endsAttempt($0) ? $0.attempt + 1 : $0.attempt } ?? 1
            guard attempt == current else { throw StoreError.constraint(.staleAttempt(current: current)) }
            let stored = latest?.attempt == attempt ? latest : nil
            let last = stored?.sequence ?? 0
            guard sequence > last else { throw StoreError.constraint(.staleCommit(last: last)) }
            let merged = (stored?.values ?? [:]).merging(values) { _, new in new }
            let text = String(decoding: try JSONEncoder().encode(merged), as: UTF8.self)
            let ended = terminated || stored?.terminated == true
            // Only over the row read above: a commit that slipped in between makes this one stale.
            let changed = try db.prepare("""
                INSERT INTO scorm_cmi (package_id, user_id, attempt, sco, cmi, sequence, updated_at, terminated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (package_id, user_id, attempt, sco) DO UPDATE SET cmi = excluded.cmi, sequence = excluded.sequence,
                updated_at = excluded.updated_at, terminated = excluded.terminated WHERE scorm_cmi.sequence = ?
                """).run([.integer(Int64(packageID)), .integer(Int64(userID)), .integer(Int64(attempt)), .text(sco), .text(text),
                          .integer(Int64(sequence)), .integer(Int64(Self.now)), .integer(ended ? 1 : 0), .integer(Int64(last))])
            guard changed > 0 else { throw StoreError.constraint(.staleCommit(last: last)) }
            return ScormCMI(attempt: attempt, values: merged, sequence: sequence, terminated: ended, updatedAt: Self.now)
        }
    }

    private static func latestScormCMI(_ db: any Database, _ packageID: Int, _ userID: Int, _ sco: String) throws -> ScormCMI? {
        try db.prepare("""
            SELECT attempt, cmi, sequence, terminated, updated_at FROM scorm_cmi WHERE package_id = ? AND user_id = ? AND sco = ?
            ORDER BY attempt DESC LIMIT 1
            """).first([.integer(Int64(packageID)), .integer(Int64(userID)), .text(sco)]) { row in
                ScormCMI(attempt: row.int(0), values: (try? JSONDecoder().decode([String: String].self, from: Data((row.string(1) ?? "{}").utf8))) ?? [:],
                         sequence: row.int(2), terminated: row.int(3) != 0, updatedAt: row.int(4))
            }
    }
}

extension Store {
    /// Records a graded SCO's result as a submitted attempt at its step, when it differs from the last one
    /// recorded: each new result the SCO reports is one attempt, so the best score and the attempts count
    /// read as they do for quizzes. - Returns: whether an attempt was recorded.
    func recordScormResult(userID: Int, course: String, quiz: String, score: Double, passed: Bool) throws -> Bool {
        try write { db in
            let key: [SQLValue] = [.integer(Int64(userID)), .text(course), .text(quiz)]
            let last = try db.prepare("SELECT score, passed FROM attempt WHERE user_id = ? AND course = ? AND quiz = ? AND submitted_at IS NOT NULL ORDER BY id DESC LIMIT 1")
                .first(key) { (score: $0.double(0), passed: $0.int(1) != 0) }
            if let last, last.score == score, last.passed == passed { return false }
            try db.prepare("""
                INSERT INTO attempt (user_id, course, quiz, started_at, question_order, submitted_at, score, passed, correct)
                VALUES (?, ?, ?, ?, '', ?, ?, ?, '')
                """).run(key + [.integer(Int64(Self.now)), .integer(Int64(Self.now)), .real(score), .integer(passed ? 1 : 0)])
            return true
        }
    }
}
