import Foundation
import Synchronization
import Zlib

extension BuiltSite {
    /// Writes the site to `folder` atomically: everything goes to a fresh sibling folder first, which
    /// replaces `folder` only once complete, so a failed build leaves the previous site untouched.
    /// - Parameter gzipVariants: also write a `.gz` twin of each large text file, for a server that sends
    ///   it to browsers accepting gzip (`lectern serve`, nginx's `gzip_static`). Off by default: hosts
    ///   that compress on the fly (or not at all) would only store them.
    /// - Parameter staged: the folder `BuiltSite.staging(for:)` gave, where a `PageSink` already wrote
    ///   the pages marked `.written`; nil to stage everything now.
    public func write(to folder: URL, gzipVariants: Bool = false, staged: URL? = nil) throws {
        let manager = FileManager.default
        let staging = try staged ?? Self.staging(for: folder)
        do {
            try BuiltSite.write(files, into: staging, gzipVariants: gzipVariants, linkRepeatedAssets: true)
            try Data("Built by lectern; a later build replaces this folder.\n".utf8).write(to: staging.appendingPathComponent(Self.marker))
            try replace(folder, with: staging)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// A fresh folder next to `folder` to write a site into before it replaces `folder`.
    /// - Throws: when `folder` holds files no build wrote: only a folder a build wrote (it carries the
    ///   marker) or an empty one is replaced, so `--out docs` cannot delete someone's own files.
    public static func staging(for folder: URL) throws -> URL {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty, !existing.contains(marker) {
            throw SiteWriteError(message: "\(folder.path) already holds files that no lectern build wrote; choose a new or empty folder")
        }
        let parent = folder.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).lectern-\(ProcessInfo.processInfo.processIdentifier)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        return staging
    }

    /// Writes only the files whose contents differ from `previous` into an existing `folder`, and removes
    /// files that are gone: the fast path of `lectern preview` after one lesson changes.
    public func writeChanges(to folder: URL, since previous: BuiltSite) throws {
        let changed = files.filter { previous.files[$0.key] != $0.value }
        try BuiltSite.write(changed, into: folder)
        for path in previous.files.keys where files[path] == nil {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))
        }
    }

    /// The file that marks a folder as a built site, so a later build may replace it.
    static let marker = ".lectern-site"

    /// Writes every file into `folder`, which may already hold other files (they are left alone).
    public func writeFiles(into folder: URL) throws {
        try BuiltSite.write(files, into: folder)
    }

    /// - Parameter gzipVariants: also write `path.gz` next to each large text file (`writeGzipVariant`).
    /// - Parameter linkRepeatedAssets: write each course's copy of a shared asset as a hard link to the
    ///   first (`repeatedAssets`); only into a fresh folder, where no other file can share the link.
    private static func write(_ files: [String: Contents], into folder: URL, gzipVariants: Bool = false,
                              linkRepeatedAssets: Bool = false) throws {
        let manager = FileManager.default
        let folders = Set(files.keys.map { (($0 as NSString).deletingLastPathComponent) })
        for path in folders.sorted() {
            try manager.createDirectory(at: folder.appendingPathComponent(path), withIntermediateDirectories: true)
        }
        let links = linkRepeatedAssets ? repeatedAssets(files) : [:]
        let entries = links.isEmpty ? Array(files) : files.filter { links[$0.key] == nil }
        let failures = FailureList()
        // Writing thousands of small pages is dominated by system calls: spread them over the cores.
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let (path, contents) = entries[index]
            let target = folder.appendingPathComponent(path)
            do {
                switch contents {
                case .data(let data):
                    try writePage(data, path: path, to: target.path, gzipVariants: gzipVariants)
                case .written:
                    break
                case .copy(let source):
                    try? manager.removeItem(at: target)
                    try manager.copyItem(at: source, to: target)
                    if gzipVariants, gzipWorthy(path), let data = manager.contents(atPath: source.path) {
                        try writeGzipVariant(of: data, path: path, to: target.path)
                    }
                }
            } catch {
                failures.append("\(path): \(error.localizedDescription)")
            }
        }
        for (path, original) in links {
            let target = folder.appendingPathComponent(path).path, source = folder.appendingPathComponent(original).path
            do {
                // A file system without hard links (FAT on a USB stick) gets a copy, as before.
                if link(source, target) != 0, case .data(let data)? = files[path] {
                    try writePage(data, path: path, to: target, gzipVariants: gzipVariants)
                } else if gzipVariants, manager.fileExists(atPath: source + ".gz"), link(source + ".gz", target + ".gz") != 0 {
                    try manager.copyItem(atPath: source + ".gz", toPath: target + ".gz")
                }
            } catch {
                failures.append("\(path): \(error.localizedDescription)")
            }
        }
        if let first = failures.first { throw SiteWriteError(message: "cannot write \(first)") }
    }

    /// Course assets that repeat byte for byte in other courses of the site (the same theme, scripts and
    /// strings), by path → the path of the copy to link to. Each course folder keeps its own `assets/`
    /// so it can be copied or served alone, but in a catalog of 50 courses writing every copy was 800
    /// files and a sixth of the bytes. Asset names carry a hash of their bytes, so a file at such a path
    /// never changes in place, and the bytes are compared anyway.
    private static func repeatedAssets(_ files: [String: Contents]) -> [String: String] {
        var firsts: [Substring: (path: String, data: Data)] = [:]
        var links: [String: String] = [:]
        for (path, contents) in files {
            guard case .data(let data) = contents, let slash = path.firstIndex(of: "/") else { continue }
            let inCourse = path[path.index(after: slash)...]
            guard inCourse.hasPrefix("assets/") else { continue }
            if let first = firsts[inCourse] {
                if first.data == data { links[path] = first.path }
            } else {
                firsts[inCourse] = (path, data)
            }
        }
        return links
    }

    /// Swaps the staged folder into place: old site aside, new one in, old one removed.
    private func replace(_ folder: URL, with staging: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else {
            try manager.moveItem(at: staging, to: folder)
            return
        }
        let old = staging.appendingPathExtension("old")
        try? manager.removeItem(at: old)
        try manager.moveItem(at: folder, to: old)
        do {
            try manager.moveItem(at: staging, to: folder)
        } catch {
            try? manager.moveItem(at: old, to: folder)
            throw error
        }
        try? manager.removeItem(at: old)
    }
}

/// The site could not be written.
public struct SiteWriteError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Collects errors from parallel writers.
private final class FailureList: Sendable {
    private let items = Mutex<[String]>([])
    func append(_ item: String) { items.withLock { $0.append(item) } }
    var first: String? { items.withLock { $0.sorted().first } }
}

/// Writes bytes with plain POSIX calls: Foundation's `Data.write` costs several extra system calls
/// per file, which dominates when a build writes thousands of small pages.
private func writeFile(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw SiteWriteError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    try data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            guard written > 0 else { throw SiteWriteError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }
}

/// Text files compress well: pages, styles, scripts, data. Images, media and fonts are compressed already.
private let gzipExtensions: Set<String> = ["html", "css", "js", "json", "svg", "xml", "txt", "vtt"]

/// Whether a file gets a `.gz` variant: text, and large enough that compressing saves a round trip.
private func gzipWorthy(_ path: String) -> Bool {
    gzipExtensions.contains((path as NSString).pathExtension.lowercased())
}

/// Writes `path.gz` next to a large text file, as `gzip -k` would, for servers that send it to browsers
/// that accept gzip (`lectern serve`, nginx's `gzip_static`). Written after the file, so it is never
/// older than the file; a server ignores a `.gz` older than its file. `file://` pages never see it.
/// Writes `data` at `target` (the site-relative `path`), and its `.gz` twin when asked and worth it.
func writePage(_ data: Data, path: String, to target: String, gzipVariants: Bool) throws {
    try writeFile(data, to: target)
    if gzipVariants { try writeGzipVariant(of: data, path: path, to: target) }
}

private func writeGzipVariant(of data: Data, path: String, to target: String) throws {
    guard data.count >= 1024, gzipWorthy(path) else { return }
    let compressed = try Gzip.compress(Array(data))
    // Worth sending only when it saves a tenth.
    if compressed.count * 10 <= data.count * 9 { try writeFile(Data(compressed), to: target + ".gz") }
}
