/// The one mapping from the store's and the rules' errors to HTTP.
extension HTTPError {
    init(_ error: StoreError) {
        switch error {
        case .duplicate(.email): self = .conflict(error.description, code: "email_taken")
        case .duplicate(.username): self = .conflict(error.description, code: "username_taken")
        case .duplicate: self = .conflict(error.description)
        case .notFound: self = .notFound(error.description)
        // Refusing another attempt is a permission (403), not a clash with the request (409).
        case .constraint(.attemptsUsedUp): self = HTTPError(403, error.description)
        case .constraint(.alreadySubmitted): self = .conflict(error.description)
        case .constraint(.alreadyGraded): self = .conflict(error.description, code: "already_graded")
        case .constraint(.uploadLimit(.diskBudget)): self = HTTPError(507, error.description, code: "disk_budget")
        case .constraint(.uploadLimit): self = HTTPError(413, error.description, code: "upload_limit")
        case .constraint(.staleCommit): self = .conflict(error.description, code: "stale_commit")
        case .constraint(.staleAttempt): self = .conflict(error.description, code: "stale_attempt")
        }
    }

    init(_ violation: RuleViolation) {
        self = .invalid(violation.message, code: violation.code, field: violation.field)
    }
}
