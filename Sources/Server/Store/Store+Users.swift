import Crypto
import Foundation
import SQLite

/// An account as the API shows it.
public struct User: Sendable, Codable, Equatable {
    public var id: Int
    public var email: String
    public var username: String
    public var name: String
    public var role: Role
    public var approved: Bool
    public var active: Bool
    /// Signed in with a first-use password: only choosing a new password is allowed until then.
    public var mustChangePassword = false
}

extension Store {
    static let userColumns = "id, email, username, name, role, approved, active, must_change_password"

    static func user(_ row: Row) -> User {
        User(id: row.int(0), email: row.string(1) ?? "", username: row.string(2) ?? "", name: row.string(3) ?? "",
             role: row.string(4).flatMap(Role.init(rawValue:)) ?? .student, approved: row.int(5) != 0, active: row.int(6) != 0,
             mustChangePassword: row.int(7) != 0)
    }

    /// Creates an account. - Throws: `StoreError.duplicate` when the email or username is taken.
    public func createUser(email: String, username: String, name: String, passwordHash: String, role: Role, approved: Bool) throws -> User {
        let email = Identity.email(email), username = Identity.username(username)
        return try write { db in
            // Checked in the transaction that inserts, so the answer names the taken field without reading SQLite's message.
            if try Self.taken("email", email, db) { throw StoreError.duplicate(.email) }
            if try Self.taken("username", username, db) { throw StoreError.duplicate(.username) }
            let id = try db.prepare("INSERT INTO \"user\" (email, username, name, password_hash, role, approved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .first([.text(email), .text(username), .text(name), .text(passwordHash), .text(role.rawValue), .integer(approved ? 1 : 0),
                      .integer(Int64(Date().timeIntervalSince1970))]) { $0.int(0) } ?? 0
            return User(id: id, email: email, username: username, name: name, role: role, approved: approved, active: true)
        }
    }

    /// Whether another account than `except` holds this email or username (NOCASE, as the UNIQUE columns compare).
    static func taken(_ column: String, _ value: String, except id: Int? = nil, _ db: any Database) throws -> Bool {
        try db.prepare("SELECT 1 FROM \"user\" WHERE \(column) = ? AND id IS DISTINCT FROM ?")
            .first([.text(value), id.map { .integer(Int64($0)) } ?? .null]) { $0.int(0) } != nil
    }

    /// The account and password hash for an email or username, in any spelling `Identity` folds alike.
    /// A row the upgrade could not fold (its folded form was taken: `identity_conflict`) is still found by
    /// its exact spelling, so no one is locked out by the upgrade.
    func credentials(login: String) throws -> (User, String)? {
        try read { db in
            let statement = db.prepare("SELECT \(Self.userColumns), password_hash FROM \"user\" WHERE (email = ? OR username = ?) AND deleted = 0")
            let folded = Identity.username(login)
            return try statement.first([.text(folded), .text(folded)]) { (Self.user($0), $0.string(8) ?? "") }
                ?? statement.first([.text(login), .text(login)]) { (Self.user($0), $0.string(8) ?? "") }
        }
    }

    /// The account, from the cache when nothing was committed since it was read (every request with a token asks).
    func user(id: Int) throws -> User? {
        let trusted = noForeignCommits()
        let (cached, generation) = accounts.lookup(id)
        if trusted, let cached { return cached }
        // A deleted account is gone for every purpose: its old tokens find no one.
        let user = try read { db in try db.prepare("SELECT \(Self.userColumns) FROM \"user\" WHERE id = ? AND deleted = 0").first([.integer(Int64(id))], Self.user) }
        if writer != nil { accounts.store(user, id: id, generation: generation) }
        return user
    }


    func passwordHash(userID: Int) throws -> String? {
        try read { db in try db.prepare("SELECT password_hash FROM \"user\" WHERE id = ?").first([.integer(Int64(userID))]) { $0.string(0) ?? "" } }
    }

    func updateProfile(userID: Int, name: String?, email: String?) throws -> User? {
        let email = email.map(Identity.email)
        try write { db in
            if let email, try Self.taken("email", email, except: userID, db) { throw StoreError.duplicate(.email) }
            // `deleted = 0` in the same transaction: a request that raced a deletion cannot write a name back.
            if let name { try db.prepare("UPDATE \"user\" SET name = ? WHERE id = ? AND deleted = 0").run([.text(name), .integer(Int64(userID))]) }
            if let email { try db.prepare("UPDATE \"user\" SET email = ? WHERE id = ? AND deleted = 0").run([.text(email), .integer(Int64(userID))]) }
        }
        return try user(id: userID)
    }

    /// Sets a new password and signs the account out everywhere (its refresh tokens are revoked).
    /// - Parameter mustChange: a first-use password, which the learner must replace at the next sign-in.
    func setPassword(userID: Int, hash: String, mustChange: Bool = false) throws {
        try setPasswords([(userID, hash)], mustChange: mustChange)
    }

    /// Sets several accounts' passwords in one transaction (a class's sign-in cards: all printed
    /// passwords work, or none was changed), signing each out everywhere.
    func setPasswords(_ passwords: [(userID: Int, hash: String)], mustChange: Bool) throws {
        try write { db in
            for (userID, hash) in passwords {
                try db.prepare("UPDATE \"user\" SET password_hash = ?, must_change_password = ? WHERE id = ? AND deleted = 0")
                    .run([.text(hash), .integer(mustChange ? 1 : 0), .integer(Int64(userID))])
                try db.prepare("UPDATE refresh_token SET revoked = 1 WHERE user_id = ?").run([.integer(Int64(userID))])
            }
        }
    }
}

extension Store {
    /// Every account, oldest first.
    public func allUsers() throws -> [User] {
        try read { db in try db.prepare("SELECT \(Self.userColumns) FROM \"user\" ORDER BY id").rows([], Self.user) }
    }

    /// Every student account not deleted, oldest first: `lectern users cards --all-students`.
    public func students() throws -> [User] {
        try read { db in
            try db.prepare("SELECT \(Self.userColumns) FROM \"user\" WHERE role = 'student' AND deleted = 0 ORDER BY id").rows([], Self.user)
        }
    }

    /// The account with this username or email. - Throws: `StoreError.notFound`.
    public func account(login: String) throws -> User {
        guard let (user, _) = try credentials(login: login) else { throw StoreError.notFound("no account '\(login)'") }
        return user
    }

    /// Changes the role of an account found by username or email; approves it.
    public func setRole(login: String, role: Role) throws -> User {
        let user = try account(login: login)
        try write { db in
            try db.prepare("UPDATE \"user\" SET role = ?, approved = 1 WHERE id = ?").run([.text(role.rawValue), .integer(Int64(user.id))])
        }
        return try self.user(id: user.id) ?? user
    }
}
