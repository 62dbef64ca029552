import Crypto

/// The account rules the API and the command line share: what a new account and a new password must be.
public struct Accounts: Sendable {
    let store: any AccountStorage

    /// Accounts kept in `store`, for the command line.
    public init(store: Store) {
        self.store = store
    }

    init(storage: any AccountStorage) {
        store = storage
    }

    /// Creates an approved account with any role, as an administrator does from the command line.
    /// - Throws: `RuleViolation` for a bad email, username or password; `StoreError.duplicate` when taken.
    public func add(email: String, username: String, name: String, password: String, role: Role) throws -> User {
        let identity = try Self.checkAccount(email: email, username: username, password: password)
        try TextBounds.checkName(name)
        return try store.createUser(email: identity.email, username: identity.username, name: name, passwordHash: try Self.hash(password), role: role,
                                    approved: true)
    }

    /// Gives an account a new password that follows the rules, and signs it out everywhere.
    public func resetPassword(userID: Int, to password: String) throws {
        guard let user = try store.user(id: userID) else { throw StoreError.notFound("no such account") }
        try PasswordPolicy.check(password, username: user.username, email: user.email)
        try store.setPassword(userID: userID, hash: try Self.hash(password), mustChange: false)
    }

    /// Why an account may not act now (disabled, or an instructor waiting for approval), or nil when it may.
    /// Sign-in, refresh and every request ask this one question, so they cannot disagree.
    static func refusal(_ account: User) -> String? {
        guard account.active else { return "this account is disabled" }
        guard account.approved || !account.role.needsApproval else { return "this instructor account is waiting for an administrator's approval" }
        return nil
    }

    /// The rules every new account follows, from the API or the command line.
    /// - Returns: the email and username as stored and compared (`Identity`).
    @discardableResult
    static func checkAccount(email: String, username: String, password: String) throws(RuleViolation) -> (email: String, username: String) {
        let (email, username) = try checkIdentity(email: email, username: username)
        try PasswordPolicy.check(password, username: username, email: email)
        return (email, username)
    }

    /// The email and username rules alone (a roster row updating an account may leave its password be).
    static func checkIdentity(email: String, username: String) throws(RuleViolation) -> (email: String, username: String) {
        let email = Identity.email(email), username = Identity.username(username)
        guard isEmail(email) else { throw RuleViolation("email is not a valid address", code: "email_invalid", field: "email") }
        guard (3...32).contains(username.unicodeScalars.count), username.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw RuleViolation("username must be 3 to 32 letters, digits, '.', '_' or '-'", code: "username_invalid", field: "username")
        }
        if let problem = Identity.lookAlikeProblem(username) { throw RuleViolation(problem, code: "username_look_alike", field: "username") }
        return (email, username)
    }

    /// One `@` between a non-empty mailbox and a domain with a dot inside it, no spaces, at most 254 characters:
    /// the rule the OpenAPI file states as a pattern (lengths count code points, as JSON Schema does).
    static func isEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, email.unicodeScalars.count <= TextBounds.email, !email.contains(where: \.isWhitespace),
              !email.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        return !parts[0].isEmpty && parts[1].dropFirst().dropLast().contains(".")
    }

    /// The role a command line or roster names; a student when it names none.
    public static func role(_ text: String?) throws(RuleViolation) -> Role {
        guard let role = Role(rawValue: text ?? Role.student.rawValue) else { throw RuleViolation("role must be \(Role.listed)", field: "role") }
        return role
    }

    /// An argon2id hash; libsodium fails only when it cannot get the memory.
    static func hash(_ password: String) throws(HashingFailure) -> String {
        guard let hash = PasswordHash.hash(password) else { throw HashingFailure() }
        return hash
    }

    struct HashingFailure: Error, CustomStringConvertible {
        var description: String { "cannot hash the password" }
    }
}
