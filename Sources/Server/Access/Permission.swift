/// Something only some accounts may do; `RequestContext.can(_:)` decides from the account's current role.
enum Permission: Sendable {
    /// Accounts, the activity log, the whole server's numbers, other people's records: administrators.
    case administer
    /// The learners and numbers of the courses one oversees (`RequestContext.oversees`): instructors and administrators.
    case oversee
    /// Enrolling in courses: students.
    case enroll

    func granted(to role: Role) -> Bool {
        switch self {
        case .administer: role == .admin
        case .oversee: role == .admin || role == .instructor
        case .enroll: role == .student
        }
    }
}
