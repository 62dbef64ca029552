/// A value that breaks an account rule (a weak password, a malformed email or username, an unknown role),
/// said so the person can fix it; the API answers it with 422 and the command line prints it.
public struct RuleViolation: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// A stable name for the problem (`password_common`), so a page can say it in its own language.
    public var code: String?
    /// The request field the rule is about (`password`); a route that names it otherwise says so with `on`.
    public var field: String?

    init(_ message: String, code: String? = nil, field: String? = nil) {
        self.message = message
        self.code = code
        self.field = field
    }

    /// The same violation, about the request field `name` (`new_password` rather than `password`).
    func on(_ name: String) -> RuleViolation { RuleViolation(message, code: code, field: name) }

    public var description: String { message }
}
