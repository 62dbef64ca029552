import Foundation

/// The files of a course folder, listed once up front so existence checks for thousands of links
/// are set lookups rather than file-system calls.
struct CourseTree {
    let root: URL
    /// Course-relative, "/"-separated paths of every file, hidden files and folders left out.
    let files: Set<String>
    /// Course-relative folder paths.
    let folders: Set<String>
    /// Lowercased path → real path, to hint at case mistakes that break on web servers.
    let filesByLowercasedPath: [String: String]

    static func scan(_ root: URL) throws(LoaderError) -> CourseTree {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw LoaderError("no such folder: \(root.path)")
        }
        guard isDirectory.boolValue else { throw LoaderError("not a folder: \(root.path)") }
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            throw LoaderError("cannot read folder: \(root.path)")
        }
        var files: Set<String> = []
        var folders: Set<String> = []
        while let path = enumerator.nextObject() as? String {
            let isFolder = (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory
            if path.split(separator: "/").last?.hasPrefix(".") == true {
                if isFolder { enumerator.skipDescendants() }
                continue
            }
            if isFolder { folders.insert(path) } else { files.insert(path) }
        }
        var lowercased: [String: String] = [:]
        for file in files { lowercased[file.lowercased()] = file }
        return CourseTree(root: root, files: files, folders: folders, filesByLowercasedPath: lowercased)
    }

    /// The text of a course file.
    /// - Throws: a message naming the problem when it cannot be read or is not UTF-8.
    func read(_ path: String) throws(LoaderError) -> String {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw LoaderError("cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoaderError("file is not valid UTF-8 text")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

/// The course cannot be loaded at all (no folder); problems inside a course are diagnostics instead.
public struct LoaderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}
