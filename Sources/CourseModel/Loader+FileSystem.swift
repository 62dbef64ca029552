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
    /// Size and modification time of every file, for reusing unchanged files' results between loads.
    let stamps: [String: FileWalk.Entry]

    static func scan(_ root: URL) throws(LoaderError) -> CourseTree {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw LoaderError("no such folder: \(root.path)")
        }
        guard isDirectory.boolValue else { throw LoaderError("not a folder: \(root.path)") }
        var files: Set<String> = []
        var folders: Set<String> = []
        var stamps: [String: FileWalk.Entry] = [:]
        for entry in FileWalk.entries(under: root.path) {
            if entry.isDirectory {
                folders.insert(entry.path)
            } else {
                files.insert(entry.path)
                stamps[entry.path] = entry
            }
        }
        var lowercased: [String: String] = [:]
        for file in files { lowercased[file.lowercased()] = file }
        return CourseTree(root: root, files: files, folders: folders, filesByLowercasedPath: lowercased, stamps: stamps)
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
