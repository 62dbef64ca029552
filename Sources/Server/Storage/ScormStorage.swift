/// Hosted SCORM packages (`Store+Scorm`); their files live in the files folder, named by content.
protocol ScormStorage: Sendable {
    /// - Throws: `StoreError.duplicate(.scormPackage)` when a package with this content is already hosted.
    func addScormPackage(sha256: String, manifest: ScormManifestSummary, byteCount: Int, uploadedBy: Int?) throws -> ScormPackage
    func scormPackage(id: Int) throws -> ScormPackage?
    func scormPackage(sha256: String) throws -> ScormPackage?
    func scormPackages() throws -> [ScormPackage]
    func deleteScormPackage(id: Int) throws
    /// A learner's CMI data of one SCO in the newest attempt, and the number of the last commit taken; nil before any.
    func latestScormCMI(packageID: Int, userID: Int, sco: String) throws -> ScormCMI?
    /// Merges `values` into the stored CMI data of the current attempt (the newest, or the next one when
    /// `endsAttempt` says the newest ended) when `sequence` is above the last commit's; `terminated` marks
    /// the session's last commit.
    /// - Throws: `StoreError.constraint(.staleCommit)` otherwise (a replay, or a commit overtaken by a later
    ///   one), `.staleAttempt` for an attempt that is not the current one.
    func commitScormCMI(packageID: Int, userID: Int, attempt: Int, sco: String, sequence: Int, values: [String: String],
                        terminated: Bool, endsAttempt: (ScormCMI) -> Bool) throws -> ScormCMI
    /// Records a graded SCO's result as a submitted attempt at its step unless it repeats the last one.
    func recordScormResult(userID: Int, course: String, quiz: String, score: Double, passed: Bool) throws -> Bool
}
