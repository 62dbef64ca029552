/// One line of `lectern doctor`'s report: how a check went and, when it did not, what to do.
struct DoctorFinding: Equatable {
    enum Level: String {
        case ok, warning, error
    }

    var level: Level
    /// The check's name: database, secret, disk, courses, port, clock.
    var check: String
    var message: String

    static func ok(_ check: String, _ message: String) -> DoctorFinding { DoctorFinding(level: .ok, check: check, message: message) }
    static func warning(_ check: String, _ message: String) -> DoctorFinding { DoctorFinding(level: .warning, check: check, message: message) }
    static func error(_ check: String, _ message: String) -> DoctorFinding { DoctorFinding(level: .error, check: check, message: message) }

    /// `error    port: …`: the level padded so the checks line up.
    var line: String {
        level.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + "\(check): \(message)"
    }
}
