import Foundation
import SQLite

/// A student's enrollment in a course.
public struct Enrollment: Sendable, Codable, Equatable {
    public var id: Int
    public var userId: Int
    public var course: String
    @Timestamp public var enrolledAt: Int
}

/// A quiz attempt: its questions' order, deadline and, once submitted, answers and score.
struct Attempt: Sendable {
    var id: Int
    var userID: Int
    var course: String
    var quiz: String
    var startedAt: Int
    var deadline: Int?
    var questionOrder: [String]
    var submittedAt: Int?
    var answersJSON: String?
    var score: Double?
    var passed: Bool?
    /// Answers saved while the attempt is open (the same JSON as `answersJSON`).
    var draftJSON: String?

    /// Still open for answers at `now` (30 s of grace for the network after the deadline).
    func isOpen(at now: Int) -> Bool { submittedAt == nil && (deadline.map { now <= $0 + 30 } ?? true) }
}

extension Store {
    static var now: Int { Clock.now }

    func enroll(userID: Int, course: String) throws -> Enrollment {
        do {
            return try write { db in
                let id = try db.prepare("INSERT INTO enrollment (user_id, course, created_at) VALUES (?, ?, ?) RETURNING id")
                    .first([.integer(Int64(userID)), .text(course), .integer(Int64(Self.now))]) { $0.int(0) } ?? 0
                return Enrollment(id: id, userId: userID, course: course, enrolledAt: Self.now)
            }
        } catch let error as any DatabaseFailure where error.isConstraint {
            throw StoreError.duplicate(.enrollment)
        }
    }

    static func enrollment(_ row: Row) -> Enrollment {
        Enrollment(id: row.int(0), userId: row.int(1), course: row.string(2) ?? "", enrolledAt: row.int(3))
    }

    func enrollment(id: Int) throws -> Enrollment? {
        try read { db in try db.prepare("SELECT id, user_id, course, created_at FROM enrollment WHERE id = ?").first([.integer(Int64(id))], Self.enrollment) }
    }

    func enrollment(userID: Int, course: String) throws -> Enrollment? {
        try read { db in
            try db.prepare("SELECT id, user_id, course, created_at FROM enrollment WHERE user_id = ? AND course = ?")
                .first([.integer(Int64(userID)), .text(course)], Self.enrollment)
        }
    }

    /// Enrollments of one user, or in the given courses (nil: all).
    func enrollments(userID: Int?, courses: [String]?) throws -> [Enrollment] {
        try read { db in
            // One user's rows by the (user_id, course) index; my-courses asks on every visit.
            let all = try userID.map { try db.prepare("SELECT id, user_id, course, created_at FROM enrollment WHERE user_id = ? ORDER BY id")
                .rows([.integer(Int64($0))], Self.enrollment) }
                ?? db.prepare("SELECT id, user_id, course, created_at FROM enrollment ORDER BY id").rows([], Self.enrollment)
            return all.filter { enrollment in courses == nil || courses!.contains(enrollment.course) }
        }
    }

    func deleteEnrollment(id: Int) throws {
        try write { db in try db.prepare("DELETE FROM enrollment WHERE id = ?").run([.integer(Int64(id))]) }
    }

    /// Records a completed lesson once; later calls keep the first time.
    func completeLesson(userID: Int, course: String, lesson: String) throws -> Int {
        try write { db in
            try db.prepare("INSERT INTO lesson_completion (user_id, course, lesson, completed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .run([.integer(Int64(userID)), .text(course), .text(lesson), .integer(Int64(Self.now))])
            return try db.prepare("SELECT completed_at FROM lesson_completion WHERE user_id = ? AND course = ? AND lesson = ?")
                .first([.integer(Int64(userID)), .text(course), .text(lesson)]) { $0.int(0) } ?? Self.now
        }
    }

    func completedLessons(userID: Int, course: String) throws -> [String] {
        try read { db in
            try db.prepare("SELECT lesson FROM lesson_completion WHERE user_id = ? AND course = ? ORDER BY completed_at, lesson")
                .rows([.integer(Int64(userID)), .text(course)]) { $0.string(0) ?? "" }
        }
    }

    /// Best submitted score of each quiz of a course.
    func bestScores(userID: Int, course: String) throws -> [String: Double] {
        try read { db in
            let rows = try db.prepare("SELECT quiz, max(score) FROM attempt WHERE user_id = ? AND course = ? AND submitted_at IS NOT NULL GROUP BY quiz")
                .rows([.integer(Int64(userID)), .text(course)]) { ($0.string(0) ?? "", $0.double(1)) }
            return Dictionary(rows, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Keeps the learner's place, if enrolled; `then` gets false, nothing written, when not enrolled.
    /// Bookmarks are the most frequent write (one per page a learner opens): answered once durable without
    /// holding an HTTP thread (`writeLater`), and with the enrollment read in the write's own transaction
    /// (no separate read, and no bookmark outlives an unenrollment).
    func setBookmark(userID: Int, course: String, href: String, then: @escaping (Result<Bool, any Error>) -> Void) {
        writeLater({ db in
            guard try db.prepare("SELECT 1 FROM enrollment WHERE user_id = ? AND course = ?")
                .first([.integer(Int64(userID)), .text(course)], { _ in true }) != nil else { return false }
            try db.prepare("INSERT INTO bookmark (user_id, course, href, updated_at) VALUES (?, ?, ?, ?) "
                           + "ON CONFLICT (user_id, course) DO UPDATE SET href = excluded.href, updated_at = excluded.updated_at")
                .run([.integer(Int64(userID)), .text(course), .text(href), .integer(Int64(Self.now))])
            return true
        }, then: then)
    }

    func bookmark(userID: Int, course: String) throws -> String? {
        try read { db in
            try db.prepare("SELECT href FROM bookmark WHERE user_id = ? AND course = ?").first([.integer(Int64(userID)), .text(course)]) { $0.string(0) ?? "" }
        }
    }

    /// Starts an attempt unless the quiz's attempts are used up (checked and inserted in one transaction).
    /// The learner's open attempt at a quiz when there is one (`resumed`), else a new one within
    /// `max_attempts` plus any extra attempts granted; in one transaction, so two tabs get one attempt.
    func startAttempt(userID: Int, course: String, quiz: String, maxAttempts: Int?, deadline: Int?,
                      order: [String]) throws -> (attempt: Attempt, resumed: Bool) {
        try write { db in
            let key: [SQLValue] = [.integer(Int64(userID)), .text(course), .text(quiz)]
            let open = try db.prepare("SELECT \(Self.attemptColumns) FROM attempt WHERE user_id = ? AND course = ? AND quiz = ? AND submitted_at IS NULL ORDER BY id DESC")
                .rows(key, Self.attemptRow).first { $0.isOpen(at: Self.now) }
            if let open { return (open, true) }
            let used = try db.prepare("SELECT count(*) FROM attempt WHERE user_id = ? AND course = ? AND quiz = ?")
                .first(key) { $0.int(0) } ?? 0
            if let allowed = try Self.allowedAttempts(db, key: key, maxAttempts: maxAttempts), used >= allowed {
                throw StoreError.constraint(.attemptsUsedUp(allowed: allowed))
            }
            let id = try db.prepare("INSERT INTO attempt (user_id, course, quiz, started_at, deadline, question_order) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .first([.integer(Int64(userID)), .text(course), .text(quiz), .integer(Int64(Self.now)),
                      deadline.map { .integer(Int64($0)) } ?? .null, .text(order.joined(separator: "\n"))]) { $0.int(0) } ?? 0
            return (Attempt(id: id, userID: userID, course: course, quiz: quiz, startedAt: Self.now, deadline: deadline,
                            questionOrder: order), false)
        }
    }

    func attempt(id: Int) throws -> Attempt? {
        try read { db in
            try db.prepare("SELECT \(Self.attemptColumns) FROM attempt WHERE id = ?").first([.integer(Int64(id))], Self.attemptRow)
        }
    }

    /// Stores a graded submission once: a second submission of the same attempt is refused. An attempt
    /// graded after its deadline passed (its saved answers) is dated at the deadline.
    func submitAttempt(id: Int, answersJSON: String, score: Double, passed: Bool, correct: Set<String>, at: Int = Store.now) throws {
        try write { db in
            let changed = try db.prepare("UPDATE attempt SET submitted_at = ?, answers = ?, score = ?, passed = ?, correct = ? WHERE id = ? AND submitted_at IS NULL")
                .run([.integer(Int64(at)), .text(answersJSON), .real(score), .integer(passed ? 1 : 0),
                      .text(correct.sorted().joined(separator: "\n")), .integer(Int64(id))])
            if changed == 0 { throw StoreError.constraint(.alreadySubmitted) }
        }
    }
}

extension Store {
    /// One row of a progress export: a completed lesson or a quiz's best score.
    public struct ProgressRow: Sendable, Encodable {
        public var username: String
        public var email: String
        public var course: String
        public var kind: String
        public var item: String
        public var score: Double?
        @Timestamp public var at: Int
    }

    /// Every completed lesson and every quiz's best submitted score, by learner; of one class's members when `classID` is given.
    public func progressExport(classID: Int? = nil) throws -> [ProgressRow] {
        try read { db in
            let group: [SQLValue] = [classID.map { .integer(Int64($0)) } ?? .null]
            let lessons = try db.prepare("""
                SELECT u.username, u.email, c.course, c.lesson, c.completed_at FROM lesson_completion c JOIN \"user\" u ON u.id = c.user_id
                WHERE CAST(?1 AS BIGINT) IS NULL OR c.user_id IN (SELECT user_id FROM class_member WHERE class_id = ?1)
                ORDER BY u.username, c.course, c.completed_at, c.lesson
                """).rows(group) { ProgressRow(username: $0.string(0) ?? "", email: $0.string(1) ?? "", course: $0.string(2) ?? "",
                                            kind: "lesson", item: $0.string(3) ?? "", score: nil, at: $0.int(4)) }
            let quizzes = try db.prepare("""
                SELECT u.username, u.email, a.course, a.quiz, max(a.score), max(a.submitted_at) FROM attempt a JOIN \"user\" u ON u.id = a.user_id
                WHERE a.submitted_at IS NOT NULL AND (CAST(?1 AS BIGINT) IS NULL OR a.user_id IN (SELECT user_id FROM class_member WHERE class_id = ?1))
                GROUP BY a.user_id, u.username, u.email, a.course, a.quiz ORDER BY u.username, a.course, a.quiz
                """).rows(group) { ProgressRow(username: $0.string(0) ?? "", email: $0.string(1) ?? "", course: $0.string(2) ?? "",
                                            kind: "quiz", item: $0.string(3) ?? "", score: $0.double(4), at: $0.int(5)) }
            return lessons + quizzes
        }
    }
}
