/// Accounts and their refresh tokens.
protocol AccountStorage: Sendable {
    /// - Throws: `StoreError.duplicate(.email)` or `.duplicate(.username)`.
    func createUser(email: String, username: String, name: String, passwordHash: String, role: Role, approved: Bool) throws -> User
    /// The account and password hash for an email or username; deleted accounts are not found.
    func credentials(login: String) throws -> (User, String)?
    /// nil for a deleted account.
    func user(id: Int) throws -> User?
    /// The account named by username or email. - Throws: `StoreError.notFound`.
    func account(login: String) throws -> User
    func passwordHash(userID: Int) throws -> String?
    /// - Throws: `StoreError.duplicate(.email)`.
    func updateProfile(userID: Int, name: String?, email: String?) throws -> User?
    /// Sets a password hash and revokes the account's refresh tokens; `mustChange` for a first-use password.
    func setPassword(userID: Int, hash: String, mustChange: Bool) throws
    /// Sets several accounts' password hashes in one transaction (all or none), as `setPassword` does.
    func setPasswords(_ passwords: [(userID: Int, hash: String)], mustChange: Bool) throws
    func users(search: String?, page: Int, pageSize: Int) throws -> (items: [User], total: Int)
    /// Changes role, active flag or approval; disabling revokes the account's refresh tokens.
    func administer(userID: Int, role: Role?, active: Bool?, approved: Bool?) throws -> User?
    /// Anonymises the account and ends its enrollments and sessions.
    func deleteUser(id: Int) throws

    func storeRefreshToken(hash: String, userID: Int, family: String, expiresAt: Int) throws
    /// Spends a refresh token once; presenting a spent one revokes its family.
    func spendRefreshToken(hash: String, now: Int) throws -> RefreshOutcome
    func revokeFamily(ofTokenHash hash: String) throws
}
