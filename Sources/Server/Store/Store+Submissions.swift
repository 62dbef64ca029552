import Foundation
import SQLite

/// A learner's hand-in for one assignment: a text, files, and once graded its points and feedback.
public struct Submission: Sendable, Encodable, Equatable {
    public var id: Int
    public var course: String
    public var assignment: String
    public var userId: Int
    public var username: String
    public var name: String
    public var text: String
    public var files: [SubmissionFile]
    @Timestamp public var submittedAt: Int
    /// Handed in (last changed) after the due date.
    public var late: Bool
    public var points: Double?
    public var feedback: String
    @OptionalTimestamp public var gradedAt: Int?
    public var gradedBy: Int?

    public var isGraded: Bool { points != nil }
}

/// A handed-in file: its original name (offered on download), size and checked type. Its bytes live in
/// the files folder under their SHA-256, which is never sent out.
public struct SubmissionFile: Sendable, Encodable, Equatable {
    public var id: Int
    public var name: String
    public var size: Int
    public var contentType: String
    @Timestamp public var addedAt: Int
    var sha256: String

    enum CodingKeys: String, CodingKey { case id, name, size, contentType, addedAt }

    init(id: Int, name: String, size: Int, contentType: String, addedAt: Int, sha256: String) {
        (self.id, self.name, self.size, self.contentType, self.sha256) = (id, name, size, contentType, sha256)
        self.addedAt = addedAt
    }
}

extension Store {
    static let submissionColumns = """
        s.id, s.course, s.assignment, s.user_id, u.username, u.name, s.text, s.submitted_at, s.late, s.points, s.feedback, s.graded_at, s.graded_by
        """

    static func submission(_ row: Row) -> Submission {
        Submission(id: row.int(0), course: row.string(1) ?? "", assignment: row.string(2) ?? "", userId: row.int(3), username: row.string(4) ?? "",
                   name: row.string(5) ?? "", text: row.string(6) ?? "", files: [], submittedAt: row.int(7), late: row.int(8) != 0,
                   points: row.isNull(9) ? nil : row.double(9), feedback: row.string(10) ?? "", gradedAt: row.isNull(11) ? nil : row.int(11),
                   gradedBy: row.isNull(12) ? nil : row.int(12))
    }

    /// Submissions matching `condition`, each with its files, in one read.
    private func submissions(where condition: String, _ values: [SQLValue], in db: any Database) throws -> [Submission] {
        var found = try db.prepare("""
            SELECT \(Self.submissionColumns) FROM submission s JOIN "user" u ON u.id = s.user_id WHERE \(condition) ORDER BY u.username, s.id
            """).rows(values, Self.submission)
        guard !found.isEmpty else { return [] }
        let files = try db.prepare("""
            SELECT f.submission_id, f.id, f.name, f.size, f.content_type, f.added_at, f.sha256 FROM submission_file f
            JOIN submission s ON s.id = f.submission_id JOIN "user" u ON u.id = s.user_id WHERE \(condition) ORDER BY f.id
            """).rows(values) { row in
                (row.int(0), SubmissionFile(id: row.int(1), name: row.string(2) ?? "", size: row.int(3), contentType: row.string(4) ?? "",
                                            addedAt: row.int(5), sha256: row.string(6) ?? ""))
            }
        let byID = Dictionary(grouping: files, by: \.0)
        for index in found.indices { found[index].files = byID[found[index].id]?.map(\.1) ?? [] }
        return found
    }

    func submission(id: Int) throws -> Submission? {
        try read { db in try submissions(where: "s.id = ?", [.integer(Int64(id))], in: db).first }
    }

    func submission(course: String, assignment: String, userID: Int) throws -> Submission? {
        try read { db in try submission(course: course, assignment: assignment, userID: userID, in: db) }
    }

    private func submission(course: String, assignment: String, userID: Int, in db: any Database) throws -> Submission? {
        try submissions(where: "s.course = ? AND s.assignment = ? AND s.user_id = ?",
                        [.text(course), .text(assignment), .integer(Int64(userID))], in: db).first
    }

    func submissions(course: String, assignment: String, learners: Set<Int>?) throws -> [Submission] {
        let all = try read { db in try submissions(where: "s.course = ? AND s.assignment = ?", [.text(course), .text(assignment)], in: db) }
        guard let learners else { return all }
        return all.filter { learners.contains($0.userId) }
    }

    func gradedSubmissions(course: String) throws -> [Submission] {
        try read { db in try submissions(where: "s.course = ? AND s.points IS NOT NULL", [.text(course)], in: db) }
    }

    /// The learner's submission row, made when missing; refused once graded. Inside a write transaction.
    private func openSubmission(course: String, assignment: String, userID: Int, late: Bool, in db: any Database) throws -> Int {
        let existing = try db.prepare("SELECT id, points FROM submission WHERE course = ? AND assignment = ? AND user_id = ?")
            .first([.text(course), .text(assignment), .integer(Int64(userID))]) { ($0.int(0), $0.isNull(1)) }
        if let (id, ungraded) = existing {
            guard ungraded else { throw StoreError.constraint(.alreadyGraded) }
            try db.prepare("UPDATE submission SET submitted_at = ?, late = ? WHERE id = ?")
                .run([.integer(Int64(Self.now)), .integer(late ? 1 : 0), .integer(Int64(id))])
            return id
        }
        return try db.prepare("""
            INSERT INTO submission (course, assignment, user_id, text, submitted_at, late, feedback) VALUES (?, ?, ?, '', ?, ?, '') RETURNING id
            """).first([.text(course), .text(assignment), .integer(Int64(userID)), .integer(Int64(Self.now)), .integer(late ? 1 : 0)]) { $0.int(0) } ?? 0
    }

    func saveSubmission(course: String, assignment: String, userID: Int, text: String?, late: Bool) throws -> Submission {
        try write { db in
            let id = try openSubmission(course: course, assignment: assignment, userID: userID, late: late, in: db)
            if let text { try db.prepare("UPDATE submission SET text = ? WHERE id = ?").run([.text(text), .integer(Int64(id))]) }
            return try submissions(where: "s.id = ?", [.integer(Int64(id))], in: db)[0]
        }
    }

    func addSubmissionFile(course: String, assignment: String, userID: Int, late: Bool, file: NewSubmissionFile,
                           limits: SubmissionLimits) throws -> Submission {
        try write { db in
            let id = try openSubmission(course: course, assignment: assignment, userID: userID, late: late, in: db)
            // The limits are counted inside the write transaction, so two uploads at once cannot both slip under them.
            let (count, bytes) = try db.prepare("SELECT count(*), coalesce(sum(size), 0) FROM submission_file WHERE submission_id = ?")
                .first([.integer(Int64(id))]) { ($0.int(0), $0.int(1)) } ?? (0, 0)
            guard count < limits.maxFilesPerSubmission else { throw StoreError.constraint(.uploadLimit(.filesPerSubmission(limits.maxFilesPerSubmission))) }
            guard bytes + file.size <= limits.maxSubmissionBytes else { throw StoreError.constraint(.uploadLimit(.submissionBytes(limits.maxSubmissionBytes))) }
            let learnerBytes = try db.prepare("""
                SELECT coalesce(sum(f.size), 0) FROM submission_file f JOIN submission s ON s.id = f.submission_id WHERE s.user_id = ?
                """).first([.integer(Int64(userID))]) { $0.int(0) } ?? 0
            guard learnerBytes + file.size <= limits.maxLearnerBytes else { throw StoreError.constraint(.uploadLimit(.learnerBytes(limits.maxLearnerBytes))) }
            let total = try db.prepare("SELECT coalesce(sum(size), 0) FROM submission_file").first([]) { $0.int(0) } ?? 0
            guard total + file.size <= limits.maxTotalBytes else { throw StoreError.constraint(.uploadLimit(.diskBudget)) }
            try db.prepare("""
                INSERT INTO submission_file (submission_id, name, sha256, size, content_type, added_at) VALUES (?, ?, ?, ?, ?, ?)
                """).run([.integer(Int64(id)), .text(file.name), .text(file.sha256), .integer(Int64(file.size)), .text(file.contentType),
                          .integer(Int64(Self.now))])
            return try submissions(where: "s.id = ?", [.integer(Int64(id))], in: db)[0]
        }
    }

    func removeSubmissionFile(submissionID: Int, fileID: Int) throws -> (removed: Bool, orphanedHash: String?) {
        try write { db in
            guard let ungraded = try db.prepare("SELECT points FROM submission WHERE id = ?").first([.integer(Int64(submissionID))], { $0.isNull(0) }) else {
                return (false, nil)
            }
            guard ungraded else { throw StoreError.constraint(.alreadyGraded) }
            guard let hash = try db.prepare("DELETE FROM submission_file WHERE id = ? AND submission_id = ? RETURNING sha256")
                .first([.integer(Int64(fileID)), .integer(Int64(submissionID))], { $0.string(0) }) ?? nil else { return (false, nil) }
            let others = try db.prepare("SELECT count(*) FROM submission_file WHERE sha256 = ?").first([.text(hash)]) { $0.int(0) } ?? 0
            return (true, others == 0 ? hash : nil)
        }
    }

    func gradeSubmission(id: Int, points: Double, feedback: String, graderID: Int, notice: GradedNotice) throws -> Submission? {
        try write { db in
            try db.prepare("UPDATE submission SET points = ?, feedback = ?, graded_at = ?, graded_by = ? WHERE id = ?")
                .run([.real(points), .text(feedback), .integer(Int64(Self.now)), .integer(Int64(graderID)), .integer(Int64(id))])
            guard let graded = try submissions(where: "s.id = ?", [.integer(Int64(id))], in: db).first else { return nil }
            // notification: graded, committed with the grade.
            try Self.notify(db, userIDs: [graded.userId], kind: .assignmentGraded, course: graded.course, subject: notice.subject,
                            detail: notice.detail, link: notice.link)
            return graded
        }
    }
}
