import Foundation
import SQLite

/// A class (a group of learners, as a school has 5A and 5B): its instructors, members and courses.
public struct Classroom: Sendable, Codable, Equatable {
    public var id: Int
    public var name: String
    public var archived: Bool
    @Timestamp public var createdAt: Int
    public var instructorIds: [Int]
    public var courses: [String]
    public var memberCount: Int
}

/// What a bulk enrollment did: the enrollments it made and the learners already enrolled (left as they were).
public struct EnrollmentOutcome: Sendable, Equatable {
    public var created: [Enrollment] = []
    public var alreadyEnrolled: [Int] = []
}

extension Store {
    public func classes(instructorID: Int?, includeArchived: Bool) throws -> [Classroom] {
        try read { db in
            let ids = try db.prepare("""
                SELECT id FROM class WHERE (CAST(?1 AS BIGINT) IS NULL OR id IN (SELECT class_id FROM class_instructor WHERE user_id = ?1))
                AND (archived = 0 OR ?2 = 1) ORDER BY lower(name), id
                """).rows([instructorID.map { .integer(Int64($0)) } ?? .null, .integer(includeArchived ? 1 : 0)]) { $0.int(0) }
            return try ids.compactMap { try Self.classroom(db, id: $0) }
        }
    }

    public func classroom(id: Int) throws -> Classroom? {
        try read { db in try Self.classroom(db, id: id) }
    }

    /// The class with this name (compared without case), archived or not.
    public func classroom(named name: String) throws -> Classroom? {
        try read { db in
            try db.prepare("SELECT id FROM class WHERE lower(name) = lower(?)").first([.text(name)]) { $0.int(0) }
                .flatMap { try Self.classroom(db, id: $0) }
        }
    }

    /// The class's members that still have accounts, by username.
    public func members(classID: Int) throws -> [User] {
        try read { db in
            try db.prepare("""
                SELECT \(Self.prefixedUserColumns) FROM class_member m JOIN \"user\" u ON u.id = m.user_id WHERE m.class_id = ? AND u.deleted = 0 ORDER BY u.username
                """).rows([.integer(Int64(classID))], Self.user)
        }
    }

    /// The class's instructors that still have accounts, by username.
    public func instructors(classID: Int) throws -> [User] {
        try read { db in
            try db.prepare("""
                SELECT \(Self.prefixedUserColumns) FROM class_instructor i JOIN \"user\" u ON u.id = i.user_id
                WHERE i.class_id = ? AND u.deleted = 0 ORDER BY u.username
                """).rows([.integer(Int64(classID))], Self.user)
        }
    }

    static var prefixedUserColumns: String {
        userColumns.split(separator: ",").map { "u." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    /// - Throws: `StoreError.duplicate(.className)` when another class has the name.
    public func createClass(name: String, instructorIDs: [Int]) throws -> Classroom {
        try write { db in
            if try Self.classNameTaken(name, except: nil, db) { throw StoreError.duplicate(.className) }
            let id = try db.prepare("INSERT INTO class (name, created_at) VALUES (?, ?) RETURNING id")
                .first([.text(name), .integer(Int64(Self.now))]) { $0.int(0) } ?? 0
            for user in instructorIDs { try Self.addInstructor(db, classID: id, userID: user) }
            return try Self.classroom(db, id: id)!
        }
    }

    /// Renames or archives (or brings back) a class; nil when there is no such class.
    public func updateClass(id: Int, name: String?, archived: Bool?) throws -> Classroom? {
        try write { db in
            guard try Self.classroom(db, id: id) != nil else { return nil }
            if let name {
                if try Self.classNameTaken(name, except: id, db) { throw StoreError.duplicate(.className) }
                try db.prepare("UPDATE class SET name = ? WHERE id = ?").run([.text(name), .integer(Int64(id))])
            }
            if let archived { try db.prepare("UPDATE class SET archived = ? WHERE id = ?").run([.integer(archived ? 1 : 0), .integer(Int64(id))]) }
            return try Self.classroom(db, id: id)
        }
    }

    /// Adds learners to a class and enrolls them in its courses, in one transaction.
    /// - Returns: the learners added, and the enrollments that made.
    public func addMembers(classID: Int, userIDs: [Int]) throws -> (added: [Int], enrollments: [Enrollment]) {
        try write { db in
            var added: [Int] = [], enrollments: [Enrollment] = []
            let courses = try Self.classCourses(db, classID: classID)
            for user in userIDs {
                if try Self.addMember(db, classID: classID, userID: user) { added.append(user) }
                for course in courses { if let made = try Self.enroll(db, userID: user, course: course) { enrollments.append(made) } }
            }
            return (added, enrollments)
        }
    }

    /// Takes a learner out of a class; their enrollments and records stay. False when they were not in it.
    public func removeMember(classID: Int, userID: Int) throws -> Bool {
        try write { db in
            try db.prepare("DELETE FROM class_member WHERE class_id = ? AND user_id = ?").run([.integer(Int64(classID)), .integer(Int64(userID))]) > 0
        }
    }

    /// Gives a class a course and enrolls its members in it, in one transaction.
    public func addCourse(classID: Int, course: String) throws -> EnrollmentOutcome {
        try write { db in
            try db.prepare("INSERT INTO class_course (class_id, course) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .run([.integer(Int64(classID)), .text(course)])
            let members = try db.prepare("SELECT user_id FROM class_member WHERE class_id = ? ORDER BY user_id")
                .rows([.integer(Int64(classID))]) { $0.int(0) }
            return try Self.enroll(db, userIDs: members, course: course)
        }
    }

    /// Takes a course off a class: its members stay enrolled (their progress is theirs). False when it was not there.
    public func removeCourse(classID: Int, course: String) throws -> Bool {
        try write { db in
            try db.prepare("DELETE FROM class_course WHERE class_id = ? AND course = ?").run([.integer(Int64(classID)), .text(course)]) > 0
        }
    }

    /// Makes an account an instructor of a class; false when it already was.
    public func addInstructor(classID: Int, userID: Int) throws -> Bool {
        try write { db in try Self.addInstructor(db, classID: classID, userID: userID) }
    }

    public func removeInstructor(classID: Int, userID: Int) throws -> Bool {
        try write { db in
            try db.prepare("DELETE FROM class_instructor WHERE class_id = ? AND user_id = ?").run([.integer(Int64(classID)), .integer(Int64(userID))]) > 0
        }
    }

    /// Enrolls learners in a course in one transaction; those already enrolled are listed, not refused.
    public func enroll(userIDs: [Int], course: String) throws -> EnrollmentOutcome {
        try write { db in try Self.enroll(db, userIDs: userIDs, course: course) }
    }

    /// Ends a learner's enrollment in a course (staff withdrawing them); their records stay. False when not enrolled.
    public func withdraw(userID: Int, course: String) throws -> Bool {
        try write { db in
            try db.prepare("DELETE FROM enrollment WHERE user_id = ? AND course = ?").run([.integer(Int64(userID)), .text(course)]) > 0
        }
    }
}

// Steps shared by the methods above and the roster import, inside their transaction.
extension Store {
    static func classroom(_ db: any Database, id: Int) throws -> Classroom? {
        let key: [SQLValue] = [.integer(Int64(id))]
        guard var found = try db.prepare("SELECT id, name, archived, created_at FROM class WHERE id = ?").first(key, {
            Classroom(id: $0.int(0), name: $0.string(1) ?? "", archived: $0.int(2) != 0, createdAt: $0.int(3), instructorIds: [], courses: [],
                      memberCount: 0)
        }) else { return nil }
        found.instructorIds = try db.prepare("SELECT user_id FROM class_instructor WHERE class_id = ? ORDER BY user_id").rows(key) { $0.int(0) }
        found.courses = try classCourses(db, classID: id)
        found.memberCount = try db.prepare("""
            SELECT count(*) FROM class_member m JOIN \"user\" u ON u.id = m.user_id WHERE m.class_id = ? AND u.deleted = 0
            """).first(key) { $0.int(0) } ?? 0
        return found
    }

    static func classCourses(_ db: any Database, classID: Int) throws -> [String] {
        try db.prepare("SELECT course FROM class_course WHERE class_id = ? ORDER BY course").rows([.integer(Int64(classID))]) { $0.string(0) ?? "" }
    }

    static func classNameTaken(_ name: String, except id: Int?, _ db: any Database) throws -> Bool {
        try db.prepare("SELECT 1 FROM class WHERE lower(name) = lower(?) AND id IS DISTINCT FROM ?")
            .first([.text(name), id.map { .integer(Int64($0)) } ?? .null]) { $0.int(0) } != nil
    }

    @discardableResult
    static func addMember(_ db: any Database, classID: Int, userID: Int) throws -> Bool {
        try db.prepare("INSERT INTO class_member (class_id, user_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .run([.integer(Int64(classID)), .integer(Int64(userID)), .integer(Int64(now))]) > 0
    }

    @discardableResult
    static func addInstructor(_ db: any Database, classID: Int, userID: Int) throws -> Bool {
        try db.prepare("INSERT INTO class_instructor (class_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
            .run([.integer(Int64(classID)), .integer(Int64(userID))]) > 0
    }

    /// The new enrollment, or nil when the learner was enrolled already.
    static func enroll(_ db: any Database, userID: Int, course: String) throws -> Enrollment? {
        try db.prepare("INSERT INTO enrollment (user_id, course, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id")
            .first([.integer(Int64(userID)), .text(course), .integer(Int64(now))]) { $0.int(0) }
            .map { Enrollment(id: $0, userId: userID, course: course, enrolledAt: now) }
    }

    static func enroll(_ db: any Database, userIDs: [Int], course: String) throws -> EnrollmentOutcome {
        var outcome = EnrollmentOutcome()
        for user in userIDs {
            if let made = try enroll(db, userID: user, course: course) { outcome.created.append(made) } else { outcome.alreadyEnrolled.append(user) }
        }
        return outcome
    }
}
