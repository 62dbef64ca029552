import CourseModel
import Foundation
import XML
import Zip

/// What a SCORM ZIP may hold before anything of it is extracted.
public struct ScormPackageLimits: Sendable {
    public var maxEntries = 10_000
    /// The sum of the entries' declared uncompressed sizes (a ZIP bomb is refused before it expands).
    public var maxExtractedBytes = 1 << 30
    public var maxManifestBytes = 4 << 20
    public init() {}
}

/// Why a package is refused: a stable code for programs, a message naming the entry or line.
public struct ScormPackageRefusal: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) { self.code = code; self.message = message }
    public var description: String { message }
}

/// A package that passed every check.
public struct ScormPackageContents: Sendable {
    public var edition: ScormEdition
    public var title: String
    public var description: String
    public var scos: [ScormSco]
    public var entryCount: Int
    public var extractedBytes: UInt64
}

/// Checks an uploaded SCORM ZIP from its central directory and manifest alone: sizes, entry count, names
/// that would leave the folder, links, the manifest against the official schemas, launch files present.
public enum ScormPackageInspector {
    public static func inspect(zip path: String, limits: ScormPackageLimits = ScormPackageLimits()) throws(ScormPackageRefusal) -> ScormPackageContents {
        let reader = ZipReader(path: path)
        let entries: [ZipEntry]
        do { entries = try reader.entries() } catch {
            throw ScormPackageRefusal("not_a_zip", "the upload is not a readable ZIP archive")
        }
        guard entries.count <= limits.maxEntries else {
            throw ScormPackageRefusal("too_many_entries", "the package has \(entries.count) entries; at most \(limits.maxEntries) are accepted")
        }
        var total: UInt64 = 0
        var seen = Set<String>()
        for entry in entries {
            if let problem = unsafeName(entry.name) {
                throw ScormPackageRefusal("unsafe_path", "entry '\(entry.name)' \(problem): it would be written outside the package folder")
            }
            guard !entry.isSymlink else { throw ScormPackageRefusal("symlink", "entry '\(entry.name)' is a symbolic link; packages hold regular files only") }
            guard !entry.isEncrypted else { throw ScormPackageRefusal("encrypted", "entry '\(entry.name)' is encrypted; upload the package without a password") }
            guard entry.isReadable else {
                throw ScormPackageRefusal("unsupported_compression", "entry '\(entry.name)' is compressed with a method this server cannot expand; use deflate")
            }
            // Two spellings of one file (case or a trailing slash) would overwrite each other.
            guard seen.insert(entry.name.lowercased()).inserted else {
                throw ScormPackageRefusal("duplicate_entry", "entry '\(entry.name)' appears twice")
            }
            total += entry.size
            guard total <= UInt64(limits.maxExtractedBytes) else {
                throw ScormPackageRefusal("too_large", "the package expands to more than \(limits.maxExtractedBytes) bytes")
            }
        }
        guard let manifestEntry = entries.first(where: { $0.name == "imsmanifest.xml" }) else {
            throw ScormPackageRefusal("no_manifest", "the package has no imsmanifest.xml at its root")
        }
        guard manifestEntry.size <= UInt64(limits.maxManifestBytes) else {
            throw ScormPackageRefusal("too_large", "imsmanifest.xml is larger than \(limits.maxManifestBytes) bytes")
        }
        let text: String
        do {
            guard let decoded = String(data: try reader.data("imsmanifest.xml"), encoding: .utf8) else {
                throw ScormPackageRefusal("invalid_manifest", "imsmanifest.xml is not UTF-8 text")
            }
            text = decoded
        } catch let refusal as ScormPackageRefusal { throw refusal } catch {
            throw ScormPackageRefusal("not_a_zip", "imsmanifest.xml cannot be read from the archive")
        }
        let files = Set(entries.filter { !$0.isDirectory }.map(\.name))
        var contents = try ScormManifestReader.read(text, files: files)
        contents.entryCount = entries.count
        contents.extractedBytes = total
        return contents
    }

    /// Why a name is unsafe to extract, or nil: absolute, a drive, backslashes, `.`/`..` parts, control characters.
    static func unsafeName(_ name: String) -> String? {
        if name.isEmpty { return "has an empty name" }
        if name.hasPrefix("/") { return "is an absolute path" }
        if name.contains("\\") { return "contains a backslash" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return "contains a control character" }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first?.contains(":") == true { return "starts with a drive or scheme" }
        if parts.contains("..") { return "contains '..'" }
        if parts.dropLast().contains(where: { $0.isEmpty || $0 == "." }) || parts.last == "." { return "contains an empty or '.' part" }
        return nil
    }
}
