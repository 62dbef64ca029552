import Foundation
import SQLite

/// A learner's rating and comment on a course.
public struct Review: Sendable, Codable, Equatable {
    public var id: Int
    public var userId: Int
    public var username: String
    public var course: String
    public var rating: Int
    public var comment: String
    @Timestamp public var createdAt: Int
    @Timestamp public var updatedAt: Int
}

/// An instructor's grade and feedback for a student in a course.
public struct Grade: Sendable, Codable, Equatable {
    public var course: String
    public var studentId: Int
    public var grade: String
    public var feedback: String
    @Timestamp public var updatedAt: Int
}

extension Store {
    static let reviewColumns = "r.id, r.user_id, u.username, r.course, r.rating, r.comment, r.created_at, r.updated_at"

    static func review(_ row: Row) -> Review {
        Review(id: row.int(0), userId: row.int(1), username: row.string(2) ?? "", course: row.string(3) ?? "", rating: row.int(4),
               comment: row.string(5) ?? "", createdAt: row.int(6), updatedAt: row.int(7))
    }

    func addReview(userID: Int, course: String, rating: Int, comment: String) throws -> Review {
        do {
            let id = try write { db -> Int in
                try db.prepare("INSERT INTO review (user_id, course, rating, comment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                    .first([.integer(Int64(userID)), .text(course), .integer(Int64(rating)), .text(comment),
                          .integer(Int64(Self.now)), .integer(Int64(Self.now))]) { $0.int(0) } ?? 0
            }
            return try review(id: id)!
        } catch let error as any DatabaseFailure where error.isConstraint {
            throw StoreError.duplicate(.review)
        }
    }

    func review(id: Int) throws -> Review? {
        try read { db in
            try db.prepare("SELECT \(Self.reviewColumns) FROM review r JOIN \"user\" u ON u.id = r.user_id WHERE r.id = ?")
                .first([.integer(Int64(id))], Self.review)
        }
    }

    func reviews(course: String?) throws -> [Review] {
        try read { db in
            if let course {
                return try db.prepare("SELECT \(Self.reviewColumns) FROM review r JOIN \"user\" u ON u.id = r.user_id WHERE r.course = ? ORDER BY r.id")
                    .rows([.text(course)], Self.review)
            }
            return try db.prepare("SELECT \(Self.reviewColumns) FROM review r JOIN \"user\" u ON u.id = r.user_id ORDER BY r.id").rows([], Self.review)
        }
    }

    func updateReview(id: Int, rating: Int?, comment: String?) throws -> Review? {
        try write { db in
            if let rating { try db.prepare("UPDATE review SET rating = ?, updated_at = ? WHERE id = ?").run([.integer(Int64(rating)), .integer(Int64(Self.now)), .integer(Int64(id))]) }
            if let comment { try db.prepare("UPDATE review SET comment = ?, updated_at = ? WHERE id = ?").run([.text(comment), .integer(Int64(Self.now)), .integer(Int64(id))]) }
        }
        return try review(id: id)
    }

    func deleteReview(id: Int) throws {
        try write { db in try db.prepare("DELETE FROM review WHERE id = ?").run([.integer(Int64(id))]) }
    }

    func setGrade(course: String, studentID: Int, grade: String, feedback: String, instructorID: Int) throws -> Grade {
        try write { db in
            try db.prepare("INSERT INTO grade (course, student_id, grade, feedback, instructor_id, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                           + "ON CONFLICT (course, student_id) DO UPDATE SET grade = excluded.grade, feedback = excluded.feedback, "
                           + "instructor_id = excluded.instructor_id, updated_at = excluded.updated_at")
                .run([.text(course), .integer(Int64(studentID)), .text(grade), .text(feedback), .integer(Int64(instructorID)), .integer(Int64(Self.now))])
        }
        return Grade(course: course, studentId: studentID, grade: grade, feedback: feedback, updatedAt: Self.now)
    }

    func grade(course: String, studentID: Int) throws -> Grade? {
        try read { db in
            try db.prepare("SELECT course, student_id, grade, feedback, updated_at FROM grade WHERE course = ? AND student_id = ?")
                .first([.text(course), .integer(Int64(studentID))]) {
                    Grade(course: $0.string(0) ?? "", studentId: $0.int(1), grade: $0.string(2) ?? "", feedback: $0.string(3) ?? "", updatedAt: $0.int(4))
                }
        }
    }
}

/// A graded learner of a course, as its instructors read the grades back.
public struct GradeEntry: Sendable, Codable, Equatable {
    public var studentId: Int
    public var username: String
    public var name: String
    public var grade: String
    public var feedback: String
    public var instructorId: Int
    @Timestamp public var updatedAt: Int
}

/// Which grades to read: one course's, narrowed by each condition that is set. A new filter (a class)
/// is one more optional field here and one more `conditions` line in `Store.grades(matching:)`.
struct GradeQuery: Sendable {
    var course: String
    var studentID: Int?
    var limit = Int.max
    var offset = 0
}

extension Store {
    /// The grades of a course's enrolled learners (a withdrawn learner's grade is kept but not listed),
    /// by username, with the number of all that match.
    func grades(matching query: GradeQuery) throws -> (items: [GradeEntry], total: Int) {
        var conditions = ["g.course = ?"]
        var values: [SQLValue] = [.text(query.course)]
        if let student = query.studentID {
            conditions.append("g.student_id = ?")
            values.append(.integer(Int64(student)))
        }
        let from = """
            FROM grade g JOIN enrollment e ON e.user_id = g.student_id AND e.course = g.course JOIN "user" u ON u.id = g.student_id
            WHERE \(conditions.joined(separator: " AND "))
            """
        return try read { db in
            let total = try db.prepare("SELECT count(*) \(from)").first(values) { $0.int(0) } ?? 0
            let items = try db.prepare("""
                SELECT g.student_id, u.username, u.name, g.grade, g.feedback, g.instructor_id, g.updated_at \(from)
                ORDER BY u.username, g.student_id LIMIT ? OFFSET ?
                """).rows(values + [.integer(Int64(min(query.limit, Int(Int32.max)))), .integer(Int64(query.offset))]) {
                    GradeEntry(studentId: $0.int(0), username: $0.string(1) ?? "", name: $0.string(2) ?? "", grade: $0.string(3) ?? "",
                               feedback: $0.string(4) ?? "", instructorId: $0.int(5), updatedAt: $0.int(6))
                }
            return (items, total)
        }
    }
}
