import Foundation
import Synchronization
import Utilities

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
            makeEntry(path: path, info: info)
        }
        guard entry.isInsideRoot else { return HTTPResponse(status: 404) }
        // The gzip variant written at build time, for clients that take it (not for byte ranges).
        if let gzip = entry.gzip, request.header("range") == nil, Self.acceptsGzip(request.header("accept-encoding")) {
            return answer(gzip, path: path + ".gz", request: request)
        }
        return answer(entry.identity, path: path, request: request)
    }

    /// What serving one representation of a file takes: revalidation (304), ranges, and the body.
    private func answer(_ variant: FileInfoCache.Variant, path: String, request: HTTPRequest) -> HTTPResponse {
        let etag = variant.etag
        var headers = variant.headers
        if let tags = request.header("if-none-match") {
            if tags == "*" || tags.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
            }
        } else if let since = request.header("if-modified-since").flatMap(HTTPDate.parse), variant.modified <= since {
            return HTTPResponse(status: 304, headers: headers.filter { $0.0 != "Content-Type" })
        }
        let size = variant.size
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
        if let bytes = variant.bytes { return HTTPResponse(status: 200, headers: headers, body: .shared(bytes)) }
        return HTTPResponse(status: 200, headers: headers, body: .file(path: path, offset: 0, length: size))
    }

    /// Headers, ETag and (for small files) contents of a file and of its `.gz` sibling when the build wrote one.
    private func makeEntry(path: String, info: stat) -> FileInfoCache.Entry {
        var gzipInfo = stat()
        // A `.gz` older than its file is left over from an earlier build: ignored.
        let hasGzip = stat(path + ".gz", &gzipInfo) == 0 && (gzipInfo.st_mode & S_IFMT) == S_IFREG
            && (gzipInfo.st_mtim.tv_sec, gzipInfo.st_mtim.tv_nsec) >= (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
        let type = MIMETypes.type(forPath: path)
        var common: [(String, String)] = [("Cache-Control", cacheControl(for: path))]
        // Caches must keep the two representations apart.
        if hasGzip { common.append(("Vary", "Accept-Encoding")) }
        let identity = variant(path: path, info: info, type: type, extra: common, tag: "")
        let gzip = hasGzip && isInsideRoot(path + ".gz")
            ? variant(path: path + ".gz", info: gzipInfo, type: type, extra: common + [("Content-Encoding", "gzip")], tag: "-gz") : nil
        return FileInfoCache.Entry(size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                                   isInsideRoot: isInsideRoot(path), identity: identity, gzip: gzip)
    }

    private func variant(path: String, info: stat, type: String, extra: [(String, String)], tag: String) -> FileInfoCache.Variant {
        let size = Int(info.st_size)
        let modified = Int(info.st_mtim.tv_sec)
        let etag = "\"\(String(size, radix: 16))-\(String(modified, radix: 16))-\(String(info.st_mtim.tv_nsec, radix: 16))\(tag)\""
        let headers: [(String, String)] = [
            ("Content-Type", type), ("ETag", etag), ("Last-Modified", HTTPDate.string(modified)), ("Accept-Ranges", "bytes"),
        ] + extra
        // Small files (pages, scripts, styles) are kept in memory: serving them then costs no open() and no copy.
        let bytes = size <= FileInfoCache.smallFileLimit ? FileManager.default.contents(atPath: path).map { Array($0) } : nil
        return FileInfoCache.Variant(size: size, modified: modified, etag: etag, headers: headers,
                                     bytes: bytes?.count == size ? bytes.map(SharedBytes.init) : nil)
    }

    /// Whether an `Accept-Encoding` value takes gzip: `gzip`, `x-gzip` or `*` named without `q=0`. Read
    /// byte by byte: every static request asks.
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.utf8.split(separator: UInt8(ascii: ",")) {
            let fields = part.split(separator: UInt8(ascii: ";"))
            guard let coding = fields.first.map(trimmed) else { continue }
            let named = equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip") || coding.elementsEqual("*".utf8)
            guard named else { continue }
            // q=0, q=0.0, q=0.00, q=0.000 refuse; any other weight accepts.
            let refused = fields.dropFirst().contains { field in
                let parameter = trimmed(field)
                guard parameter.count >= 3, equalsIgnoringCase(parameter.prefix(2), "q=") else { return false }
                let weight = parameter.dropFirst(2)
                return weight.first == UInt8(ascii: "0") && weight.dropFirst().allSatisfy { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "0") }
            }
            return !refused
        }
        return false
    }

    private static func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> Substring.UTF8View.SubSequence {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { return bytes[bytes.endIndex...] }
        return bytes[start...end]
    }

    private static func equalsIgnoringCase(_ bytes: Substring.UTF8View.SubSequence, _ lowercase: String) -> Bool {
        bytes.count == lowercase.utf8.count && zip(bytes, lowercase.utf8).allSatisfy { ($0 | 0x20) == $1 || $0 == $1 }
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
    /// One representation of a file: as it is, or its gzip variant.
    struct Variant {
        var size: Int
        var modified: Int
        var etag: String
        var headers: [(String, String)]
        /// The contents when small, sent without copying.
        var bytes: SharedBytes?
    }

    struct Entry {
        var size: Int
        var modified: Int
        var nanoseconds: Int
        var isInsideRoot: Bool
        var identity: Variant
        var gzip: Variant?

        var cachedBytes: Int { (identity.bytes?.count ?? 0) + (gzip?.bytes?.count ?? 0) }
    }

    /// Files up to this size are served from memory; larger ones (media) from their descriptor.
    static let smallFileLimit = 256 * 1024
    /// At most this many bytes of contents are kept (a kiosk has little memory); past it, files are read per request.
    static let byteBudget = 16 * 1024 * 1024
    /// Entries by path, and the bytes of contents they hold.
    private let state = Locked<(entries: [String: Entry], cachedBytes: Int)>(([:], 0))

    func entry(_ path: String, size: Int, modified: Int, nanoseconds: Int, make: () -> Entry) -> Entry {
        if let cached = state.withLock({ $0.entries[path] }), cached.size == size, cached.modified == modified, cached.nanoseconds == nanoseconds {
            return cached
        }
        var entry = make()
        state.withLock { state in
            if state.entries.count > 20_000 { state = ([:], 0) }
            state.cachedBytes -= state.entries[path]?.cachedBytes ?? 0
            if state.cachedBytes + entry.cachedBytes > Self.byteBudget {
                entry.identity.bytes = nil
                entry.gzip?.bytes = nil
            } else {
                state.cachedBytes += entry.cachedBytes
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
