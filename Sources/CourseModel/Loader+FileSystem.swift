import Foundation

/// The files of a course folder, listed once up front so existence checks for thousands of links
/// are set lookups rather than file-system calls.
struct CourseTree {
    let root: URL
    /// Course-relative, "/"-separated paths of every file, hidden files and folders left out.
    let files: Set<String>
    /// Course-relative folder paths.
    let folders: Set<String>
    /// Changes when a file or folder is added, removed or renamed: what results derived from the listing alone are kept by.
    let fingerprint: Int
    /// Size and modification time of every file, for reusing unchanged files' results between loads.
    var stamps: [String: FileWalk.Entry]
    /// Symbolic links that lead out of the course folder: left out of the course and reported.
    let outsideLinks: [String]
    /// Entries the walk could not list (names that are not UTF-8, links that do not resolve): reported.
    var skipped: [FileWalk.Skipped] = []

    static func scan(_ root: URL) throws(LoaderError) -> CourseTree {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw LoaderError("no such folder: \(root.path)")
        }
        guard isDirectory.boolValue else { throw LoaderError("not a folder: \(root.path)") }
        var files: Set<String> = []
        var folders: Set<String> = []
        var stamps: [String: FileWalk.Entry] = [:]
        var outsideLinks: [String] = []
        let realRoot = realPath(root.path) ?? root.path
        let listing = FileWalk.listing(under: root.path)
        for entry in listing.entries {
            // A link out of the course would put someone's private file into a site or package.
            if entry.isLink, let target = realPath(root.path + "/" + entry.path), !(target + "/").hasPrefix(realRoot + "/") {
                outsideLinks.append(entry.path)
                continue
            }
            if entry.isDirectory {
                folders.insert(entry.path)
            } else {
                files.insert(entry.path)
                stamps[entry.path] = entry
            }
        }
        var hasher = Hasher()
        hasher.combine(files)
        hasher.combine(folders)
        return CourseTree(root: root, files: files, folders: folders, fingerprint: hasher.finalize(), stamps: stamps,
                          outsideLinks: outsideLinks, skipped: listing.skipped)
    }

    /// The tree of an earlier scan with new stamps for `changed` files, when each of them was there before
    /// and is still a plain file (modified in place or replaced by a rename): the file set is the same,
    /// so the folder need not be listed again. nil when any came, went or is a link.
    func restamped(_ changed: Set<String>) -> CourseTree? {
        var tree = self
        for path in changed {
            guard files.contains(path), let entry = FileWalk.entry(root.path, path), !entry.isLink, !entry.isDirectory else { return nil }
            tree.stamps[path] = entry
        }
        return tree
    }

    /// The file whose path is `path` in another case, to hint at case mistakes that break on web servers.
    /// Looked up only for broken links, so the course's files are not lowercased on every load.
    func file(matchingCaseInsensitively path: String) -> String? {
        let lowercased = path.lowercased()
        // The last file in set order wins, as building a lowercased → file map did.
        return files.reversed().first { $0.lowercased() == lowercased }
    }

    /// The text of a course file.
    /// - Throws: a message naming the problem when it cannot be read or is not UTF-8.
    func read(_ path: String) throws(LoaderError) -> String {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw LoaderError("cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let bytes = [UInt8](data)
            let offset = UTF8Check.firstInvalidByte(in: bytes) ?? 0
            let (line, column) = UTF8Check.position(of: offset, in: bytes)
            var error = LoaderError("file is not valid UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))")
            error.line = line
            error.column = column
            error.hint = "save the file as UTF-8 in your editor (it may be Latin-1 or Windows-1252)"
            throw error
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}

/// The course cannot be loaded at all (no folder); problems inside a course are diagnostics instead.
public struct LoaderError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// Where in the file the problem is, when it is at a place (invalid UTF-8 bytes).
    var line = 1
    var column = 1
    var hint: String?
    init(_ message: String) { self.message = message }

    func location(in path: String) -> SourceLocation { SourceLocation(path: path, line: line, column: column) }
    public var description: String { message }
}

/// The canonical path (libc `realpath`), or nil when it does not resolve.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
