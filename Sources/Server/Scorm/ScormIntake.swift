import CourseModel
import Foundation

/// Checks and unpacks uploaded SCORM packages. The command line supplies it (reading SCORM is the
/// Packaging module's, which the server does not import); without it the upload route answers 501.
public struct ScormIntake: Sendable {
    /// Reads a ZIP's central directory and manifest, extracting nothing.
    public var inspect: @Sendable (_ zip: String) throws(ScormRefusal) -> ScormManifestSummary
    /// Writes the checked ZIP's files into an existing, empty folder.
    public var extract: @Sendable (_ zip: String, _ folder: URL) throws -> Void

    public init(inspect: @escaping @Sendable (String) throws(ScormRefusal) -> ScormManifestSummary,
                extract: @escaping @Sendable (String, URL) throws -> Void) {
        self.inspect = inspect
        self.extract = extract
    }
}

/// Why an upload is not a package the kiosk hosts: a stable code and a message naming the entry or line.
public struct ScormRefusal: Error, Sendable {
    public var code: String
    public var message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
}

/// What the manifest says, as the server keeps it.
public struct ScormManifestSummary: Sendable, Codable, Equatable {
    /// `scorm12` or `scorm2004`.
    public var edition: String
    public var title: String
    public var description: String
    public var scos: [ScormSco]
    public var entryCount: Int
    public var extractedBytes: Int

    public init(edition: String, title: String, description: String, scos: [ScormSco], entryCount: Int, extractedBytes: Int) {
        self.edition = edition; self.title = title; self.description = description; self.scos = scos
        self.entryCount = entryCount; self.extractedBytes = extractedBytes
    }
}
