/// Learners' submissions to assignments, their files and their grades (`Store+Submissions`).
protocol SubmissionStorage: Sendable {
    func submission(id: Int) throws -> Submission?
    func submission(course: String, assignment: String, userID: Int) throws -> Submission?
    /// One assignment's submissions, of these learners only when `learners` is set, by username.
    func submissions(course: String, assignment: String, learners: Set<Int>?) throws -> [Submission]
    /// Every graded submission of a course, for the gradebook.
    func gradedSubmissions(course: String) throws -> [Submission]
    /// Creates the learner's submission or replaces its text; marks it submitted now (late or not).
    /// - Throws: `StoreError.constraint(.alreadyGraded)` once graded.
    func saveSubmission(course: String, assignment: String, userID: Int, text: String?, late: Bool) throws -> Submission
    /// Adds a stored file to the learner's submission (creating it), unless that would break `limits`.
    /// - Throws: `StoreError.constraint(.alreadyGraded)`, `.uploadLimit(…)`.
    func addSubmissionFile(course: String, assignment: String, userID: Int, late: Bool, file: NewSubmissionFile,
                           limits: SubmissionLimits) throws -> Submission
    /// Removes a file from an ungraded submission; returns its content hash when no record names it any more.
    func removeSubmissionFile(submissionID: Int, fileID: Int) throws -> (removed: Bool, orphanedHash: String?)
    /// Grades it and, in the same transaction, tells its learner (`notice`).
    func gradeSubmission(id: Int, points: Double, feedback: String, graderID: Int, notice: GradedNotice) throws -> Submission?
}

/// What the learner's inbox says of a grade: the assignment's title, the grade, the page to open.
struct GradedNotice: Sendable {
    var subject: String
    var detail: String
    var link: String
}

/// A file checked and stored under its content hash, to be recorded.
struct NewSubmissionFile: Sendable {
    var name: String
    var sha256: String
    var size: Int
    var contentType: String
}
