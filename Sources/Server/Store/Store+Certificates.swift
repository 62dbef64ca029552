import Foundation
import SQLite

/// A certificate of completion: who, which course, when, and the code anyone can verify it with.
public struct Certificate: Sendable, Codable, Equatable {
    public var id: Int
    public var userId: Int
    public var course: String
    public var code: String
    public var learner: String
    public var courseTitle: String
    public var minutes: Int
    @Timestamp public var issuedAt: Int
    public var revoked: Bool
}

extension Store {
    static let certificateColumns = "id, user_id, course, code, learner, course_title, minutes, issued_at, revoked"

    static func certificate(_ row: Row) -> Certificate {
        Certificate(id: row.int(0), userId: row.int(1), course: row.string(2) ?? "", code: row.string(3) ?? "", learner: row.string(4) ?? "",
                    courseTitle: row.string(5) ?? "", minutes: row.int(6), issuedAt: row.int(7), revoked: row.int(8) != 0)
    }

    /// Issues a certificate once per learner and course; later calls return the first.
    func issueCertificate(userID: Int, course: String, code: String, learner: String, courseTitle: String, minutes: Int) throws -> Certificate {
        try write { db in
            try db.prepare("INSERT INTO certificate (user_id, course, code, learner, course_title, minutes, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, course) DO NOTHING")
                .run([.integer(Int64(userID)), .text(course), .text(code), .text(learner), .text(courseTitle), .integer(Int64(minutes)),
                      .integer(Int64(Self.now))])
        }
        return try certificates(userID: userID).first { $0.course == course }!
    }

    func certificates(userID: Int) throws -> [Certificate] {
        try read { db in
            try db.prepare("SELECT \(Self.certificateColumns) FROM certificate WHERE user_id = ? ORDER BY id").rows([.integer(Int64(userID))], Self.certificate)
        }
    }

    func certificate(id: Int) throws -> Certificate? {
        try read { db in try db.prepare("SELECT \(Self.certificateColumns) FROM certificate WHERE id = ?").first([.integer(Int64(id))], Self.certificate) }
    }

    func certificate(code: String) throws -> Certificate? {
        try read { db in try db.prepare("SELECT \(Self.certificateColumns) FROM certificate WHERE code = ?").first([.text(code)], Self.certificate) }
    }

    func revokeCertificate(id: Int) throws {
        try write { db in try db.prepare("UPDATE certificate SET revoked = 1 WHERE id = ?").run([.integer(Int64(id))]) }
    }
}
