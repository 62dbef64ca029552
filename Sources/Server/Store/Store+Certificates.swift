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
            let issued = try db.prepare("INSERT INTO certificate (user_id, course, code, learner, course_title, minutes, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, course) DO NOTHING")
                .run([.integer(Int64(userID)), .text(course), .text(code), .text(learner), .text(courseTitle), .integer(Int64(minutes)),
                      .integer(Int64(Self.now))])
            if issued > 0 {
                try Self.notify(db, userIDs: [userID], kind: .certificateIssued, course: course, subject: courseTitle, link: "verify/\(code)")
            }
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

/// A certificate with the account it was issued to, as administrators search them.
public struct CertificateEntry: Sendable, Encodable {
    public var certificate: Certificate
    public var username: String

    enum CodingKeys: CodingKey { case username }

    public func encode(to encoder: any Encoder) throws {
        try certificate.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(username, forKey: .username)
    }
}

/// Which certificates to list, narrowed by each condition that is set.
struct CertificateQuery: Sendable {
    var course: String?
    /// An account's id, or text found in its username, email or the name printed on the certificate.
    var user: String?
    var code: String?
    var limit = Int.max
    var offset = 0
}

extension Store {
    /// Certificates matching `query`, newest first, with the number of all that match.
    func certificates(matching query: CertificateQuery) throws -> (items: [CertificateEntry], total: Int) {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let course = query.course {
            conditions.append("c.course = ?")
            values.append(.text(course))
        }
        if let code = query.code {
            conditions.append("c.code = ?")
            values.append(.text(code))
        }
        if let user = query.user {
            if let id = Int(user) {
                conditions.append("c.user_id = ?")
                values.append(.integer(Int64(id)))
            } else {
                // LIKE with its wildcards escaped, on lowercased text: PostgreSQL's LIKE minds case, SQLite's does not.
                let pattern = "%" + user.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.append("(lower(u.username) LIKE ? ESCAPE '\\' OR lower(u.email) LIKE ? ESCAPE '\\' OR lower(c.learner) LIKE ? ESCAPE '\\')")
                values += [.text(pattern), .text(pattern), .text(pattern)]
            }
        }
        let from = "FROM certificate c JOIN \"user\" u ON u.id = c.user_id"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        let columns = Self.certificateColumns.split(separator: ", ").map { "c.\($0)" }.joined(separator: ", ")
        return try read { db in
            let total = try db.prepare("SELECT count(*) \(from)").first(values) { $0.int(0) } ?? 0
            let items = try db.prepare("SELECT \(columns), u.username \(from) ORDER BY c.issued_at DESC, c.id DESC LIMIT ? OFFSET ?")
                .rows(values + [.integer(Int64(min(query.limit, Int(Int32.max)))), .integer(Int64(query.offset))]) {
                    CertificateEntry(certificate: Self.certificate($0), username: $0.string(9) ?? "")
                }
            return (items, total)
        }
    }
}
