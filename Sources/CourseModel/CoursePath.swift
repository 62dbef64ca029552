import Foundation

/// Resolving the relative paths authors write (`../images/cat.png`) to course-relative paths.
enum CoursePath {
    /// The result of resolving a path against the folder of the file that wrote it.
    enum Resolution: Equatable {
        case inside(String)
        /// `..` climbs above the course folder, or the path is absolute.
        case outside
    }

    /// Resolves `path` written in a file inside course-relative folder `base` ("" for the course root).
    static func resolve(_ path: String, from base: String) -> Resolution {
        if path.hasPrefix("/") { return .outside }
        // ASCII paths (nearly all) split on bytes; a "/" followed by a combining mark is one Character,
        // so other text keeps the Character split for the same answer.
        if path.utf8.allSatisfy({ $0 < 0x80 }) && base.utf8.allSatisfy({ $0 < 0x80 }) { return resolveASCII(path, from: base) }
        var parts = base.isEmpty ? [] : base.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return .outside }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return .inside(parts.joined(separator: "/"))
    }

    private static func resolveASCII(_ path: String, from base: String) -> Resolution {
        var parts = base.utf8.split(separator: UInt8(ascii: "/"))
        for part in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                if parts.isEmpty { return .outside }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        var joined = ""
        for (index, part) in parts.enumerated() {
            if index > 0 { joined += "/" }
            joined += String(decoding: part, as: UTF8.self)
        }
        return .inside(joined)
    }

    /// The folder part of a course-relative file path: `01-a/02-b.md` → `01-a`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Whether a destination is a web address or other non-file reference (`https:`, `mailto:`, `//host`).
    static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        // The scheme in ASCII bytes, the common case; other text takes the Character path below.
        for (offset, byte) in destination.utf8.enumerated() {
            if byte == UInt8(ascii: ":") { return offset > 0 }
            if byte >= 0x80 { break }
            let allowed = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
            if !allowed {
                // A character no scheme holds comes before any colon.
                return false
            }
        }
        if destination.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}

extension String {
    /// Percent-decoded (`%20` → space), or unchanged when that fails; text without `%` skips Foundation,
    /// which a course's thousands of links made a visible part of `lectern check`.
    var percentDecoded: String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        return removingPercentEncoding ?? self
    }
}
