import Foundation
import Synchronization

/// Serves the files of a folder: directory indexes, ETag/Last-Modified revalidation (304), single
/// byte ranges (206/416) for audio and video, content types, and cache rules that let content-hashed
/// assets be cached for good while pages are always revalidated.
public struct StaticFiles: Sendable {
    public let root: URL
    /// `root.path`, computed once: `URL.path` is not free and every request needs it.
    private let rootPath: String
    private let realRoot: String
    /// What was worked out for each file at a given size and modification time: its headers and
    /// whether it lies inside the root (symbolic links resolved). Serving a page then costs one `stat`.
    private let cache = FileInfoCache()

    public init(root: URL) {
        self.root = root.standardizedFileURL
        rootPath = root.standardizedFileURL.path
        realRoot = Self.realPath(root.standardizedFileURL.path) ?? root.standardizedFileURL.path
    }

    /// The response for a GET or HEAD request, or nil when no file matches (the caller answers 404).
    public func response(for request: HTTPRequest) -> HTTPResponse? {
        guard let segments = request.pathSegments else { return HTTPResponse(status: 400, contentType: "text/plain; charset=utf-8", text: "bad path\n") }
        guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
        var path = rootPath
        for segment in segments { path += "/" + segment }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard request.rawPath.hasSuffix("/") else {
                // Relative links in an index page resolve against its folder only with the trailing slash.
                // Built from the decoded segments, never the raw path: `//host` would be a protocol-relative
                // URL sending the browser to another site.
                return HTTPResponse(status: 301, headers: [("Location", segments.isEmpty ? "/" : URLPath.path(segments) + "/")])
            }
            path += "/index.html"
            guard stat(path, &info) == 0 else { return nil }
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let response = fileResponse(path: path, info: info, request: request)
        return response.status == 404 ? nil : response
    }

    private func fileResponse(path: String, info: stat, request: HTTPRequest) -> HTTPResponse {
        let size = Int(info.st_size)
        let modified = Int(info.st_mtim.tv_sec)
        let entry = cache.entry(path, size: size, modified: modified, nanoseconds: Int(info.st_mtim.tv_nsec)) {
            let etag = "\"\(String(size, radix: 16))-\(String(modified, radix: 16))-\(String(info.st_mtim.tv_nsec, radix: 16))\""
            let headers: [(String, String)] = [
                ("Content-Type", MIMETypes.type(forPath: path)), ("ETag", etag), ("Last-Modified", HTTPDate.string(modified)),
                ("Accept-Ranges", "bytes"), ("Cache-Control", cacheControl(for: path)),
            ]
            // Small files (pages, scripts, styles) are kept in memory: serving them then costs no open().
            let bytes = size <= FileInfoCache.smallFileLimit ? FileManager.default.contents(atPath: path).map { Array($0) } : nil
            return FileInfoCache.Entry(size: size, modified: modified, nanoseconds: Int(info.st_mtim.tv_nsec), etag: etag,
                                       headers: headers, isInsideRoot: isInsideRoot(path), bytes: bytes?.count == size ? bytes : nil)
        }
        guard entry.isInsideRoot else { return HTTPResponse(status: 404) }
        let etag = entry.etag
        var headers = entry.headers
        if let tags = request.header("if-none-match") {
            if tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
            }
        } else if let since = request.header("if-modified-since").flatMap(HTTPDate.parse), modified <= since {
            return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
        }
        if let range = request.header("range"), request.header("if-range").map({ $0 == etag }) ?? true {
            switch ByteRange.parse(range, size: size) {
            case .satisfiable(let start, let end):
                headers.append(("Content-Range", "bytes \(start)-\(end)/\(size)"))
                return HTTPResponse(status: 206, headers: headers, body: .file(path: path, offset: start, length: end - start + 1))
            case .unsatisfiable:
                return HTTPResponse(status: 416, headers: [("Content-Range", "bytes */\(size)")])
            case .ignored:
                break
            }
        }
        if let bytes = entry.bytes { return HTTPResponse(status: 200, headers: headers, body: .bytes(bytes)) }
        return HTTPResponse(status: 200, headers: headers, body: .file(path: path, offset: 0, length: size))
    }

    /// Hashed asset names never change content; everything else is revalidated with its ETag.
    private func cacheControl(for path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let parts = name.split(separator: ".")
        if parts.count >= 3, parts[parts.count - 2].count == 16, parts[parts.count - 2].allSatisfy(\.isHexDigit) {
            return "public, max-age=31536000, immutable"
        }
        return "no-cache"
    }

    /// Symbolic links may not lead out of the served folder.
    private func isInsideRoot(_ path: String) -> Bool {
        guard let real = Self.realPath(path) else { return false }
        return real.hasPrefix(realRoot + "/")
    }

    /// The canonical path, symbolic links resolved (libc `realpath`).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Per-file facts kept between requests, valid while the file keeps its size and modification time.
final class FileInfoCache: Sendable {
    struct Entry {
        var size: Int
        var modified: Int
        var nanoseconds: Int
        var etag: String
        var headers: [(String, String)]
        var isInsideRoot: Bool
        /// The file's contents when small.
        var bytes: [UInt8]?
    }

    /// Files up to this size are served from memory; larger ones (media) from their descriptor.
    static let smallFileLimit = 256 * 1024
    /// At most this many bytes of contents are kept (a kiosk has little memory); past it, files are read per request.
    static let byteBudget = 16 * 1024 * 1024
    /// Entries by path, and the bytes of contents they hold.
    private let state = Mutex<(entries: [String: Entry], cachedBytes: Int)>(([:], 0))

    func entry(_ path: String, size: Int, modified: Int, nanoseconds: Int, make: () -> Entry) -> Entry {
        if let cached = state.withLock({ $0.entries[path] }), cached.size == size, cached.modified == modified, cached.nanoseconds == nanoseconds {
            return cached
        }
        var entry = make()
        state.withLock { state in
            if state.entries.count > 20_000 { state = ([:], 0) }
            state.cachedBytes -= state.entries[path]?.bytes?.count ?? 0
            if let bytes = entry.bytes {
                if state.cachedBytes + bytes.count > Self.byteBudget { entry.bytes = nil } else { state.cachedBytes += bytes.count }
            }
            state.entries[path] = entry
        }
        return entry
    }
}

/// One `bytes=` range of a `Range` header.
enum ByteRange: Equatable {
    case satisfiable(start: Int, end: Int)
    case unsatisfiable
    /// Multiple or malformed ranges: answer with the whole file, as RFC 9110 allows.
    case ignored

    static func parse(_ header: String, size: Int) -> ByteRange {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return .ignored }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .ignored }
        if parts[0].isEmpty {
            // "bytes=-500": the last 500 bytes.
            guard let suffix = Int(parts[1]) else { return .ignored }
            guard suffix > 0 else { return .unsatisfiable }
            guard size > 0 else { return .unsatisfiable }
            return .satisfiable(start: max(0, size - suffix), end: size - 1)
        }
        guard let start = Int(parts[0]), start >= 0 else { return .ignored }
        guard start < size else { return .unsatisfiable }
        if parts[1].isEmpty { return .satisfiable(start: start, end: size - 1) }
        guard let end = Int(parts[1]), end >= start else { return .ignored }
        return .satisfiable(start: start, end: min(end, size - 1))
    }
}
