import Foundation
import SQLite

/// A security-relevant event: sign-ins, failures, lockouts, role and account changes, revocations.
public struct Activity: Sendable, Codable, Equatable {
    public var id: Int
    @Timestamp public var at: Int
    public var userId: Int?
    public var type: String
    public var detail: String
    public var address: String
}

extension Store {
    /// Records an event; a failure to record never fails the request that caused it.
    func record(_ type: String, userID: Int?, detail: String, address: String) {
        _ = try? write { db in
            try db.prepare("INSERT INTO activity (at, user_id, type, detail, address) VALUES (?, ?, ?, ?, ?)")
                .run([.integer(Int64(Self.now)), userID.map { .integer(Int64($0)) } ?? .null, .text(type), .text(detail), .text(address)])
        }
    }

    /// Forgets events older than `days` days (keeping what a school needs to look into, not more); returns
    /// how many were removed.
    @discardableResult
    public func pruneActivity(olderThanDays days: Int) throws -> Int {
        try write { db in
            try db.prepare("DELETE FROM activity WHERE at < ?").run([.integer(Int64(Self.now - days * 86400))])
        }
    }

    /// Events, newest first, filtered by user, type and time range (seconds since 1970).
    func activities(userID: Int?, type: String?, from: Int?, to: Int?, limit: Int, offset: Int = 0) throws -> (items: [Activity], total: Int) {
        try read { db in
            // A NULL parameter has no type of its own: the casts tell PostgreSQL what each one is.
            let filter = "(CAST(?1 AS BIGINT) IS NULL OR user_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR type = ?2) "
                + "AND (CAST(?3 AS BIGINT) IS NULL OR at >= ?3) AND (CAST(?4 AS BIGINT) IS NULL OR at <= ?4)"
            let values: [SQLValue] = [userID.map { .integer(Int64($0)) } ?? .null, type.map { .text($0) } ?? .null,
                                      from.map { .integer(Int64($0)) } ?? .null, to.map { .integer(Int64($0)) } ?? .null]
            let total = try db.prepare("SELECT count(*) FROM activity WHERE \(filter)").first(values) { $0.int(0) } ?? 0
            let items = try db.prepare("SELECT id, at, user_id, type, detail, address FROM activity WHERE \(filter) ORDER BY id DESC LIMIT ?5 OFFSET ?6")
                .rows(values + [.integer(Int64(limit)), .integer(Int64(offset))]) {
                    Activity(id: $0.int(0), at: $0.int(1), userId: $0.isNull(2) ? nil : $0.int(2), type: $0.string(3) ?? "",
                             detail: $0.string(4) ?? "", address: $0.string(5) ?? "")
                }
            return (items, total)
        }
    }

    /// Accounts for administrators: search in email, username and name; deleted accounts left out.
    func users(search: String?, page: Int, pageSize: Int) throws -> (items: [User], total: Int) {
        try read { db in
            // `\` escapes LIKE's wildcards in what was typed; lower() on both sides, as SQLite's LIKE ignores
            // case and PostgreSQL's does not.
            let pattern = search.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%" }
            let condition = "deleted = 0 AND (CAST(?1 AS TEXT) IS NULL OR lower(email) LIKE lower(?1) ESCAPE '\\' OR lower(username) LIKE lower(?1) ESCAPE '\\' "
                + "OR lower(name) LIKE lower(?1) ESCAPE '\\')"
            let total = try db.prepare("SELECT count(*) FROM \"user\" WHERE \(condition)").first([pattern.map { .text($0) } ?? .null]) { $0.int(0) } ?? 0
            let items = try db.prepare("SELECT \(Self.userColumns) FROM \"user\" WHERE \(condition) ORDER BY id LIMIT ?2 OFFSET ?3")
                .rows([pattern.map { .text($0) } ?? .null, .integer(Int64(pageSize)), .integer(Int64((page - 1) * pageSize))], Self.user)
            return (items, total)
        }
    }

    /// Changes role, active flag or approval; disabling or withdrawing approval revokes the account's sessions.
    public func administer(userID: Int, role: Role?, active: Bool?, approved: Bool?) throws -> User? {
        try write { db in
            if let role { try db.prepare("UPDATE \"user\" SET role = ? WHERE id = ?").run([.text(role.rawValue), .integer(Int64(userID))]) }
            if let approved {
                let waiting = try db.prepare("SELECT count(*) FROM \"user\" WHERE id = ? AND approved = 0 AND role = 'instructor'")
                    .first([.integer(Int64(userID))]) { $0.int(0) } ?? 0
                try db.prepare("UPDATE \"user\" SET approved = ? WHERE id = ?").run([.integer(approved ? 1 : 0), .integer(Int64(userID))])
                if approved, waiting > 0 { try Self.notify(db, userIDs: [userID], kind: .instructorApproved, course: nil, link: "teaching.html") }
                if !approved { try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE user_id = ?").run([.integer(Int64(userID))]) }
            }
            if let active {
                try db.prepare("UPDATE \"user\" SET active = ? WHERE id = ?").run([.integer(active ? 1 : 0), .integer(Int64(userID))])
                if !active { try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE user_id = ?").run([.integer(Int64(userID))]) }
            }
        }
        return try user(id: userID)
    }

    /// Deletes an account's sign-in and personal data but keeps its row (anonymised) so the activity
    /// log and certificates still point somewhere. The anonymous username holds a '#', which no account
    /// may choose, so it never collides with a registered name (`deleted-7` is a name anyone can take).
    func deleteUser(id: Int) throws {
        try write { db in
            try db.prepare("""
                UPDATE \"user\" SET deleted = 1, active = 0, email = 'deleted#' || id || '@invalid', username = 'deleted#' || id,
                name = '', password_hash = '' WHERE id = ?
                """).run([.integer(Int64(id))])
            try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE user_id = ?").run([.integer(Int64(id))])
            try db.prepare("DELETE FROM enrollment WHERE user_id = ?").run([.integer(Int64(id))])
        }
    }
}
