/// What an account is for. Stored and sent as its raw value (`"student"`), as the schema's CHECK constraint lists them.
public enum Role: String, Sendable, Codable, CaseIterable {
    case student, instructor, admin

    /// The roles as a message lists them: "student, instructor or admin".
    public static let listed = "student, instructor or admin"

    /// Instructors wait for an administrator's approval; students and administrators do not.
    var needsApproval: Bool { self == .instructor }
}
