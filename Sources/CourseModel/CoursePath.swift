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

    /// The folder part of a course-relative file path: `01-a/02-b.md` → `01-a`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Whether a destination is a web address or other non-file reference (`https:`, `mailto:`, `//host`).
    static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
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
