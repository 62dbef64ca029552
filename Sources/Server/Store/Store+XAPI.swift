import Foundation
import SQLite

/// A learning event as the records hold it, for xAPI statements (`XAPIStatements`).
public struct LearningEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case completedLesson(String)
        case startedQuiz(attempt: Int, quiz: String)
        /// Answers as stored: `[{"questionId": …, "answer": …}]`; `correct` the ids of the questions it got right.
        case submittedQuiz(attempt: Int, quiz: String, score: Double, passed: Bool, startedAt: Int, answersJSON: String?, correct: [String])
        /// A hand-in (or its latest replacement), late or not.
        case submittedAssignment(submission: Int, assignment: String, late: Bool)
        case gradedAssignment(submission: Int, assignment: String, points: Double, feedback: String)
    }

    public var username: String
    public var name: String
    public var course: String
    public var at: Int
    public var kind: Kind
}

extension Store {
    /// Every lesson completion, quiz attempt (started, and submitted) and assignment hand-in (submitted, and
    /// graded) since `since` (seconds), oldest first.
    public func learningEvents(since: Int = 0) throws -> [LearningEvent] {
        try read { db in
            let completions = try db.prepare("""
                SELECT u.username, u.name, c.course, c.lesson, c.completed_at FROM lesson_completion c JOIN "user" u ON u.id = c.user_id
                WHERE c.completed_at >= ?
                """).rows([.integer(Int64(since))]) { LearningEvent(username: $0.string(0) ?? "", name: $0.string(1) ?? "", course: $0.string(2) ?? "", at: $0.int(4),
                                              kind: .completedLesson($0.string(3) ?? "")) }
            let attempts = try db.prepare("""
                SELECT u.username, u.name, a.course, a.quiz, a.id, a.started_at, a.submitted_at, a.score, a.passed, a.answers, a.correct
                FROM attempt a JOIN "user" u ON u.id = a.user_id WHERE a.started_at >= ?1 OR a.submitted_at >= ?1
                """).rows([.integer(Int64(since))]) { row -> [LearningEvent] in
                let (username, name, course, quiz, id) = (row.string(0) ?? "", row.string(1) ?? "", row.string(2) ?? "", row.string(3) ?? "", row.int(4))
                let started = LearningEvent(username: username, name: name, course: course, at: row.int(5), kind: .startedQuiz(attempt: id, quiz: quiz))
                guard !row.isNull(6) else { return [started] }
                let correct = (row.string(10) ?? "").split(separator: "\n").map(String.init)
                return [started, LearningEvent(username: username, name: name, course: course, at: row.int(6),
                                               kind: .submittedQuiz(attempt: id, quiz: quiz, score: row.double(7), passed: row.int(8) != 0,
                                                                    startedAt: row.int(5), answersJSON: row.string(9), correct: correct))]
            }.flatMap { $0 }
            let submissions = try db.prepare("""
                SELECT u.username, u.name, s.course, s.assignment, s.id, s.submitted_at, s.late, s.points, s.feedback, s.graded_at
                FROM submission s JOIN "user" u ON u.id = s.user_id WHERE s.submitted_at >= ?1 OR s.graded_at >= ?1
                """).rows([.integer(Int64(since))]) { row -> [LearningEvent] in
                let (username, name, course, assignment, id) = (row.string(0) ?? "", row.string(1) ?? "", row.string(2) ?? "", row.string(3) ?? "", row.int(4))
                let handed = LearningEvent(username: username, name: name, course: course, at: row.int(5),
                                           kind: .submittedAssignment(submission: id, assignment: assignment, late: row.int(6) != 0))
                guard !row.isNull(9), !row.isNull(7) else { return [handed] }
                return [handed, LearningEvent(username: username, name: name, course: course, at: row.int(9),
                                              kind: .gradedAssignment(submission: id, assignment: assignment, points: row.double(7), feedback: row.string(8) ?? ""))]
            }.flatMap { $0 }
            return (completions + attempts + submissions).sorted { $0.at < $1.at }
        }
    }
}

/// A statement for the LRS endpoint's table: its JSON as sent (with `stored` and `authority` added) and
/// what queries filter on.
struct StoredStatement: Sendable {
    var id: String
    var verb: String
    var activity: String
    var actor: String
    var body: String
}

/// What `GET /xapi/statements` filters on.
struct StatementQuery: Sendable {
    var verb: String?
    var activity: String?
    var actor: String?
    /// Milliseconds since 1970, of `stored`.
    var since: Int?
    var until: Int?
    var ascending = false
    var limit = 100
    var offset = 0
}

extension Store {
    /// Keeps the statements in one transaction. A statement whose id is stored already with the same
    /// content is not stored twice; with other content, nothing is stored (`StoreError.duplicate(.statement)`).
    /// `sameContent` compares two bodies leaving out what the LRS added.
    func storeStatements(_ statements: [StoredStatement], stored: Int, sameContent: @Sendable (String, String) -> Bool) throws {
        try write { db in
            for statement in statements {
                if let existing = try db.prepare("SELECT body FROM xapi_statement WHERE id = ?").first([.text(statement.id)], { $0.string(0) ?? "" }) {
                    guard sameContent(existing, statement.body) else { throw StoreError.duplicate(.statement) }
                    continue
                }
                try db.prepare("INSERT INTO xapi_statement (id, stored, verb, activity, actor, body) VALUES (?, ?, ?, ?, ?, ?)")
                    .run([.text(statement.id), .integer(Int64(stored)), .text(statement.verb), .text(statement.activity), .text(statement.actor),
                          .text(statement.body)])
            }
        }
    }

    func statement(id: String) throws -> String? {
        try read { db in try db.prepare("SELECT body FROM xapi_statement WHERE id = ?").first([.text(id)]) { $0.string(0) ?? "" } }
    }

    /// Bodies matching the query, newest first unless `ascending`, and whether more follow.
    func statements(_ query: StatementQuery) throws -> (bodies: [String], more: Bool) {
        try read { db in
            let filter = "(CAST(?1 AS TEXT) IS NULL OR verb = ?1) AND (CAST(?2 AS TEXT) IS NULL OR activity = ?2) "
                + "AND (CAST(?3 AS TEXT) IS NULL OR actor = ?3) AND (CAST(?4 AS BIGINT) IS NULL OR stored > ?4) "
                + "AND (CAST(?5 AS BIGINT) IS NULL OR stored <= ?5)"
            let values: [SQLValue] = [query.verb.map { .text($0) } ?? .null, query.activity.map { .text($0) } ?? .null,
                                      query.actor.map { .text($0) } ?? .null, query.since.map { .integer(Int64($0)) } ?? .null,
                                      query.until.map { .integer(Int64($0)) } ?? .null,
                                      .integer(Int64(query.limit + 1)), .integer(Int64(query.offset))]
            let bodies = try db.prepare("SELECT body FROM xapi_statement WHERE \(filter) ORDER BY seq \(query.ascending ? "ASC" : "DESC") LIMIT ?6 OFFSET ?7")
                .rows(values) { $0.string(0) ?? "" }
            return (Array(bodies.prefix(query.limit)), bodies.count > query.limit)
        }
    }
}
