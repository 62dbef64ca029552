/// What a store refuses, in its own words: any database behind `Storage` throws these, and
/// `HTTPError(_:)` (Server/Error/HTTPError+Store.swift) gives each its status in one place.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A value that must be unique is taken.
    case duplicate(Unique)
    /// The record named does not exist (`no such account`, `no account 'nobody'`).
    case notFound(String)
    /// A rule the store keeps inside its transaction was broken.
    case constraint(Constraint)

    public enum Unique: Sendable, Equatable {
        case email, username, enrollment, review, statement, className, scormPackage
    }

    public enum Constraint: Sendable, Equatable {
        /// A quiz's `max_attempts` are used up.
        case attemptsUsedUp(allowed: Int)
        /// An attempt is submitted once.
        case alreadySubmitted
        /// A SCORM commit numbered at or below the last one taken (a replay, or one overtaken).
        case staleCommit(last: Int)
    }

    public var description: String {
        switch self {
        case .duplicate(.email): "an account with this email exists"
        case .duplicate(.username): "this username is taken"
        case .duplicate(.enrollment): "already enrolled in this course"
        case .duplicate(.review): "you have already reviewed this course"
        case .duplicate(.statement): "a different statement with this id is stored (statements never change)"
        case .duplicate(.className): "a class with this name exists"
        case .duplicate(.scormPackage): "this package is already hosted"
        case .notFound(let what): what
        case .constraint(.attemptsUsedUp(let allowed)): "no attempts left: this quiz allows \(allowed)"
        case .constraint(.alreadySubmitted): "this attempt was already submitted"
        case .constraint(.staleCommit(let last)): "commit refused: its sequence must follow the last one taken, \(last)"
        }
    }
}
