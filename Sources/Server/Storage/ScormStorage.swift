/// Hosted SCORM packages (`Store+Scorm`); their files live in the files folder, named by content.
protocol ScormStorage: Sendable {
    /// - Throws: `StoreError.duplicate(.scormPackage)` when a package with this content is already hosted.
    func addScormPackage(sha256: String, manifest: ScormManifestSummary, byteCount: Int, uploadedBy: Int?) throws -> ScormPackage
    func scormPackage(id: Int) throws -> ScormPackage?
    func scormPackage(sha256: String) throws -> ScormPackage?
    func scormPackages() throws -> [ScormPackage]
    func deleteScormPackage(id: Int) throws
}
