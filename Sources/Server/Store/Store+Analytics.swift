import SQLite

/// The raw records analytics are computed from, read in one transaction so the numbers agree.
struct LearningRecords: Sendable {
    struct Learner: Sendable { var id: Int; var username: String; var name: String; var email: String; var enrolledAt: Int }
    struct Completion: Sendable { var userID: Int; var course: String; var lesson: String; var at: Int }
    struct Submission: Sendable {
        var userID: Int; var course: String; var quiz: String; var at: Int; var score: Double; var passed: Bool
        /// The ids of the questions answered right, one per line; nil for attempts stored before this was kept.
        var correctIDs: String?

        /// Parsed only where item analysis needs it: most attempts are never looked at this closely.
        var correct: Set<String>? { correctIDs.map { Set($0.split(separator: "\n").map(String.init)) } }
    }

    var learners: [Learner] = []
    var completions: [Completion] = []
    /// Oldest first.
    var submissions: [Submission] = []
}

extension Store {
    /// A course's enrolled learners, lesson completions and submitted attempts.
    func records(course: String) throws -> LearningRecords {
        try read { db in
            let slug: [SQLValue] = [.text(course)]
            return LearningRecords(
                learners: try db.prepare("""
                    SELECT u.id, u.username, u.name, u.email, e.created_at FROM enrollment e JOIN \"user\" u ON u.id = e.user_id
                    WHERE e.course = ? ORDER BY e.created_at, u.id
                    """).rows(slug) { .init(id: $0.int(0), username: $0.string(1) ?? "", name: $0.string(2) ?? "", email: $0.string(3) ?? "",
                                            enrolledAt: $0.int(4)) },
                completions: try db.prepare("SELECT user_id, course, lesson, completed_at FROM lesson_completion WHERE course = ?")
                    .rows(slug, Self.completion),
                submissions: try db.prepare("""
                    SELECT user_id, course, quiz, submitted_at, score, passed, correct FROM attempt
                    WHERE course = ? AND submitted_at IS NOT NULL ORDER BY submitted_at, id
                    """).rows(slug, Self.submission))
        }
    }

    /// One learner's completions and submitted attempts in every course.
    func records(userID: Int) throws -> LearningRecords {
        try read { db in
            let user: [SQLValue] = [.integer(Int64(userID))]
            return LearningRecords(
                completions: try db.prepare("SELECT user_id, course, lesson, completed_at FROM lesson_completion WHERE user_id = ?")
                    .rows(user, Self.completion),
                submissions: try db.prepare("""
                    SELECT user_id, course, quiz, submitted_at, score, passed, correct FROM attempt
                    WHERE user_id = ? AND submitted_at IS NOT NULL ORDER BY submitted_at, id
                    """).rows(user, Self.submission))
        }
    }

    private static func completion(_ row: Row) -> LearningRecords.Completion {
        .init(userID: row.int(0), course: row.string(1) ?? "", lesson: row.string(2) ?? "", at: row.int(3))
    }

    private static func submission(_ row: Row) -> LearningRecords.Submission {
        .init(userID: row.int(0), course: row.string(1) ?? "", quiz: row.string(2) ?? "", at: row.int(3), score: row.double(4),
              passed: row.int(5) != 0,
              correctIDs: row.isNull(6) ? nil : row.string(6) ?? "")
    }

    /// Counts for the whole server since `since` (a Unix time).
    func systemCounts(since: Int) throws -> SystemCounts {
        try read { db in
            func count(_ sql: String, _ values: [SQLValue] = []) throws -> Int { try db.prepare(sql).first(values) { $0.int(0) } ?? 0 }
            let window: [SQLValue] = [.integer(Int64(since))]
            var counts = SystemCounts()
            for (role, number) in try db.prepare("SELECT role, count(*) FROM \"user\" WHERE deleted = 0 GROUP BY role").rows([], { ($0.string(0).flatMap(Role.init(rawValue:)), $0.int(1)) }) {
                if let role { counts.usersByRole[role] = number }
            }
            counts.disabledUsers = try count("SELECT count(*) FROM \"user\" WHERE deleted = 0 AND active = 0")
            counts.pendingInstructors = try count("SELECT count(*) FROM \"user\" WHERE deleted = 0 AND role = 'instructor' AND approved = 0")
            counts.newUsers = try count("SELECT count(*) FROM \"user\" WHERE deleted = 0 AND created_at >= ?", window)
            counts.activeUsers = try count("""
                SELECT count(*) FROM (SELECT user_id FROM lesson_completion WHERE completed_at >= ?1
                UNION SELECT user_id FROM attempt WHERE submitted_at >= ?1
                UNION SELECT user_id FROM activity WHERE type = 'login' AND at >= ?1 AND user_id IS NOT NULL) AS active
                """, window)
            counts.enrollments = try count("SELECT count(*) FROM enrollment")
            counts.lessonCompletions = try count("SELECT count(*) FROM lesson_completion")
            counts.attemptsSubmitted = try count("SELECT count(*) FROM attempt WHERE submitted_at IS NOT NULL")
            counts.certificatesIssued = try count("SELECT count(*) FROM certificate")
            counts.certificatesRevoked = try count("SELECT count(*) FROM certificate WHERE revoked = 1")
            counts.reviews = try count("SELECT count(*) FROM review")
            counts.days = try db.prepare("""
                SELECT day, sum(c), sum(a), sum(l), sum(r) FROM (
                  SELECT completed_at / 86400 AS day, 1 AS c, 0 AS a, 0 AS l, 0 AS r FROM lesson_completion WHERE completed_at >= ?1
                  UNION ALL SELECT submitted_at / 86400, 0, 1, 0, 0 FROM attempt WHERE submitted_at >= ?1
                  UNION ALL SELECT at / 86400, 0, 0, CASE WHEN type = 'login' THEN 1 ELSE 0 END, CASE WHEN type = 'register' THEN 1 ELSE 0 END
                  FROM activity WHERE at >= ?1 AND type IN ('login', 'register')) AS events
                GROUP BY day ORDER BY day
                """).rows(window) { SystemCounts.Day(day: $0.int(0), lessonCompletions: $0.int(1), attemptsSubmitted: $0.int(2),
                                                      logins: $0.int(3), registrations: $0.int(4)) }
            return counts
        }
    }

    /// Per course: enrollments, certificates, review count and average rating; of one class's members when `classID` is given.
    func courseCounts(classID: Int?) throws -> [String: CourseCounts] {
        try read { db in
            var counts: [String: CourseCounts] = [:]
            let group: [SQLValue] = [classID.map { .integer(Int64($0)) } ?? .null]
            let member = "(CAST(?1 AS BIGINT) IS NULL OR user_id IN (SELECT user_id FROM class_member WHERE class_id = ?1))"
            for (course, number) in try db.prepare("SELECT course, count(*) FROM enrollment WHERE \(member) GROUP BY course")
                .rows(group, { ($0.string(0) ?? "", $0.int(1)) }) {
                counts[course, default: CourseCounts()].enrollments = number
            }
            for (course, number) in try db.prepare("SELECT course, count(*) FROM certificate WHERE revoked = 0 AND \(member) GROUP BY course")
                .rows(group, { ($0.string(0) ?? "", $0.int(1)) }) {
                counts[course, default: CourseCounts()].certificates = number
            }
            if classID != nil {
                for (course, count, average) in try db.prepare("SELECT course, count(*), avg(rating) FROM review WHERE \(member) GROUP BY course")
                    .rows(group, { ($0.string(0) ?? "", $0.int(1), $0.double(2)) }) {
                    counts[course, default: CourseCounts()].reviews = count
                    counts[course, default: CourseCounts()].averageRating = Statistics.rounded(average)
                }
                return counts
            }
            for (course, rating) in try Self.ratings(db, course: nil) {
                counts[course, default: CourseCounts()].reviews = rating.count
                counts[course, default: CourseCounts()].averageRating = rating.average
            }
            return counts
        }
    }

    /// Review count and average rating (one decimal) per course, or of one course: all the catalog needs.
    func ratings(course: String?) throws -> [String: Rating] {
        try read { db in try Self.ratings(db, course: course) }
    }

    private static func ratings(_ db: any Database, course: String?) throws -> [String: Rating] {
        var ratings: [String: Rating] = [:]
        for (slug, count, average) in try db.prepare("SELECT course, count(*), avg(rating) FROM review WHERE CAST(?1 AS TEXT) IS NULL OR course = ?1 GROUP BY course")
            .rows([course.map { .text($0) } ?? .null], { ($0.string(0) ?? "", $0.int(1), $0.double(2)) }) {
            ratings[slug] = Rating(count: count, average: Statistics.rounded(average))
        }
        return ratings
    }
}

/// Server-wide counts for the system analytics.
struct SystemCounts: Sendable {
    struct Day: Sendable { var day: Int; var lessonCompletions: Int; var attemptsSubmitted: Int; var logins: Int; var registrations: Int }
    var usersByRole: [Role: Int] = [:]
    var disabledUsers = 0, pendingInstructors = 0, newUsers = 0, activeUsers = 0
    var enrollments = 0, lessonCompletions = 0, attemptsSubmitted = 0, certificatesIssued = 0, certificatesRevoked = 0, reviews = 0
    /// Days (Unix time / 86400) with any activity in the window.
    var days: [Day] = []
}

/// How a course's learners rated it.
struct Rating: Sendable {
    var count: Int
    var average: Double
}

/// One course's counts kept by the server.
struct CourseCounts: Sendable {
    var enrollments = 0, certificates = 0, reviews = 0
    var averageRating: Double?
}
