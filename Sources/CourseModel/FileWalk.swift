import Foundation

/// Lists a folder tree with `opendir`/`readdir` and one `lstat` per entry. `FileManager`'s enumerator
/// looks up the owner's account name of every file (reading /etc/passwd each time), which made listing a
/// 2,000-lesson course take longer than parsing it.
public enum FileWalk {
    /// One file or folder found by the walk.
    public struct Entry: Sendable, Equatable {
        /// Relative to the walked folder, "/"-separated.
        public var path: String
        public var isDirectory: Bool
        public var size: Int
        /// Modification time in nanoseconds since 1970.
        public var modified: Int
        /// A symbolic link (the other fields describe what it points to).
        public var isLink: Bool = false
    }

    /// An entry the walk leaves out, for callers that tell the author (the course loader).
    public struct Skipped: Sendable, Equatable {
        public enum Reason: Sendable { case nameNotUTF8, unresolvedLink }
        /// Relative to the walked folder; bytes that are not UTF-8 shown as U+FFFD.
        public var path: String
        public var reason: Reason
    }

    /// Every entry under `root`, skipping names that start with "." (and what is inside hidden folders).
    /// Symbolic links are reported as what they point to; links to folders are not followed.
    public static func entries(under root: String) -> [Entry] {
        listing(under: root).entries
    }

    /// The entries under `root` as `entries(under:)` lists them, and those left out for a reason an author can fix.
    public static func listing(under root: String) -> (entries: [Entry], skipped: [Skipped]) {
        var entries: [Entry] = []
        var skipped: [Skipped] = []
        walk(root, prefix: "", into: &entries, skipped: &skipped)
        return (entries, skipped)
    }

    private static func walk(_ folder: String, prefix: String, into entries: inout [Entry], skipped: inout [Skipped]) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            let name = String(decoding: bytes, as: UTF8.self)
            if name.hasPrefix(".") { continue }
            // A name that is not UTF-8 cannot be a path in a link, a URL or a ZIP entry.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                skipped.append(Skipped(path: prefix + name, reason: .nameNotUTF8))
                continue
            }
            let full = folder + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else {
                var linkInfo = stat()
                if lstat(full, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                    skipped.append(Skipped(path: prefix + name, reason: .unresolvedLink))
                }
                continue
            }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            let relative = prefix + name
            entries.append(Entry(path: relative, isDirectory: isDirectory, size: Int(info.st_size),
                                 modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)))
            // readdir's type spares an lstat per file; file systems that do not fill it in say DT_UNKNOWN.
            let type = entry.pointee.d_type
            var linkInfo = stat()
            let isLink = type == UInt8(DT_LNK)
                || (type == UInt8(DT_UNKNOWN) && lstat(full, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK)
            entries[entries.count - 1].isLink = isLink
            if isDirectory && !isLink { walk(full, prefix: relative + "/", into: &entries, skipped: &skipped) }
        }
    }

    /// The entry `listing(under:)` gives for the file at `path` (relative to `root`), or nil when it is gone.
    public static func entry(_ root: String, _ path: String) -> Entry? {
        let full = root + "/" + path
        var info = stat()
        guard stat(full, &info) == 0 else { return nil }
        var linkInfo = stat()
        let isLink = lstat(full, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
        return Entry(path: path, isDirectory: (info.st_mode & S_IFMT) == S_IFDIR, size: Int(info.st_size),
                     modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec), isLink: isLink)
    }
}
