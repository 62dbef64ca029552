/// A value that breaks an account rule (a weak password, a malformed email or username, an unknown role),
/// said so the person can fix it; the API answers it with 422 and the command line prints it.
public struct RuleViolation: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// A stable name for the problem (`password_common`), so a page can say it in its own language.
    public var code: String?

    init(_ message: String, code: String? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
