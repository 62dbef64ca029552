/// The server's limits on handed-in files, on top of each assignment's own `max_file_mb` and types
/// (`lectern serve --max-upload-mb …`, documented in docs/deploy.md).
public struct SubmissionLimits: Sendable, Equatable {
    /// The largest single file, whatever an assignment allows.
    public var maxFileBytes: Int
    /// Files in one submission.
    public var maxFilesPerSubmission: Int
    /// All files of one submission together.
    public var maxSubmissionBytes: Int
    /// All files one learner has handed in, over every course.
    public var maxLearnerBytes: Int
    /// All submitted files of the server together: the disk budget.
    public var maxTotalBytes: Int

    public static let megabyte = 1024 * 1024

    public init(maxFileMB: Int = 50, maxFilesPerSubmission: Int = 10, maxSubmissionMB: Int = 100, maxLearnerMB: Int = 500,
                maxTotalMB: Int = 10_240) {
        maxFileBytes = maxFileMB * Self.megabyte
        self.maxFilesPerSubmission = maxFilesPerSubmission
        maxSubmissionBytes = maxSubmissionMB * Self.megabyte
        maxLearnerBytes = maxLearnerMB * Self.megabyte
        maxTotalBytes = maxTotalMB * Self.megabyte
    }
}
