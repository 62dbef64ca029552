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
        /// A graded submission stays as it was graded.
        case alreadyGraded
        /// A file would break one of the server's limits on submissions.
        case uploadLimit(UploadLimit)
        /// A SCORM commit numbered at or below the last one taken (a replay, or one overtaken).
        case staleCommit(last: Int)
        /// A SCORM commit for an attempt that is not the newest (a window left open from an earlier attempt).
        case staleAttempt(current: Int)
    }

    public enum UploadLimit: Sendable, Equatable {
        case filesPerSubmission(Int), submissionBytes(Int), learnerBytes(Int), diskBudget
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
        case .constraint(.alreadyGraded): "this submission is graded and can no longer change"
        case .constraint(.uploadLimit(.filesPerSubmission(let count))): "a submission holds at most \(count) files"
        case .constraint(.uploadLimit(.submissionBytes(let bytes))): "a submission's files may add up to \(bytes / 1_048_576) MB at most"
        case .constraint(.uploadLimit(.learnerBytes(let bytes))): "your handed-in files may add up to \(bytes / 1_048_576) MB at most"
        case .constraint(.uploadLimit(.diskBudget)): "the server's space for handed-in work is full; ask your teacher"
        case .constraint(.staleCommit(let last)): "commit refused: its sequence must follow the last one taken, \(last)"
        case .constraint(.staleAttempt(let current)): "commit refused: attempt \(current) is the newest; launch the SCO again"
        }
    }
}
