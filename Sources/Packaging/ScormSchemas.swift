import Foundation
import Utilities
import XML

/// The official SCORM schemas compiled into the binary, unpacked once per process into a temporary
/// folder (their imports are relative file paths) and compiled with libxml2.
enum ScormSchemas {
    private static let folder: URL? = {
        // Private (mkdtemp): a folder another user made first at a guessable name could hold their schemas.
        guard let folder = try? PrivateTemporaryFolder.make(prefix: "lectern-schemas-").get() else { return nil }
        made = folder.path
        do {
            for (path, base64) in EmbeddedResources.base64 {
                guard let data = Data(base64Encoded: base64) else { continue }
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
            atexit { if let made = ScormSchemas.made { try? FileManager.default.removeItem(atPath: made) } }
            return folder
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }()

    /// The folder's path for the exit handler, which can capture nothing: set once, while `folder` is made.
    nonisolated(unsafe) private static var made: String?

    /// The control documents a manifest of the edition names in `xsi:schemaLocation`, with the files they
    /// import, at the paths the manifest's relative locations point to (the package root), and their
    /// notice. Our hand-written `*-all.xsd` (for validation only) is left out.
    static func controlDocuments(for edition: ScormEdition) -> [String: Data] {
        let folder = edition == .scorm12 ? "scorm12/" : "scorm2004-4th/"
        var documents: [String: Data] = [:]
        for (path, base64) in EmbeddedResources.base64 where path.hasPrefix(folder) && !path.hasSuffix("-all.xsd") {
            if let data = Data(base64Encoded: base64) { documents[String(path.dropFirst(folder.count))] = data }
        }
        if let notice = EmbeddedResources.base64["NOTICE.md"].flatMap({ Data(base64Encoded: $0) }) {
            documents[noticePath] = notice
        }
        return documents
    }

    /// Where the schemas' notice goes in a package.
    static let noticePath = "NOTICE-schemas.md"

    /// Validates a manifest against its edition's schemas.
    /// - Returns: the problems, each with its line; empty when valid.
    static func validate(_ manifest: String, edition: ScormEdition) throws(PackageError) -> [XMLValidationError] {
        guard let folder else { throw PackageError("cannot unpack the SCORM schemas into a temporary folder") }
        let schema: XMLSchema
        do {
            schema = try XMLSchema(path: folder.appendingPathComponent(edition.schemaPath).path)
        } catch {
            throw PackageError("cannot load the \(edition.displayName) schemas: \(error.message)")
        }
        return schema.validate(manifest, name: "imsmanifest.xml")
    }
}

/// A course cannot be packaged; the message says why and what to do.
public struct PackageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
