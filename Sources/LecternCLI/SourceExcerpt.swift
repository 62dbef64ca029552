import CourseModel
import Foundation

/// Diagnostics as people read them in a terminal, after rustc and clang: the `path:line:column` line that
/// editors jump to, the offending source line with a caret under the column, then the hint.
///
///     course/01-basics/01-first.md:3:7: error: link target '02-secnd.md' does not exist
///       |
///     3 | See [the next lesson](02-secnd.md).
///       |       ^
///       = hint: did you mean '02-second.md'?
struct SourceExcerpt {
    /// Lines of the files read so far (nil: unreadable), so many diagnostics in one file read it once.
    private var files: [String: [Substring]?] = [:]
    /// Files larger than this are not read back for an excerpt.
    static let largestFile = 4 << 20
    /// Characters shown around the column on a long line.
    static let window = 100

    mutating func render(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        var lines = ["\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"]
        var gutter = "  "
        if let source = line(location.line, of: location.path) {
            let number = String(location.line)
            gutter = String(repeating: " ", count: number.count + 1)
            let (text, caret) = Self.shown(source, column: location.column)
            lines += [gutter + "|", "\(number) | \(text)", gutter + "| " + String(repeating: " ", count: caret) + "^"]
        }
        if let hint = diagnostic.hint { lines.append(gutter + "= hint: " + hint) }
        return lines.joined(separator: "\n")
    }

    private mutating func line(_ number: Int, of path: String) -> Substring? {
        guard number >= 1 else { return nil }
        if files[path] == nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if let size, size <= Self.largestFile, let data = FileManager.default.contents(atPath: path) {
                files[path] = .some(String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false))
            } else {
                files[path] = .some(nil)
            }
        }
        guard let lines = files[path] ?? nil, number <= lines.count else { return nil }
        let line = lines[number - 1]
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    /// The line as printed, and how many cells precede the column in it. Tabs become four spaces so the caret
    /// lines up; control characters (a file may hold terminal escape sequences) are shown as `\u{…}`, never
    /// sent to the terminal; a long line is cut to a window around the column.
    static func shown(_ line: Substring, column: Int) -> (text: String, caret: Int) {
        var cells: [String] = []
        var caret = 0
        for (index, character) in line.enumerated() {
            if index == column - 1 { caret = cells.count }
            if character == "\t" {
                cells += Array(repeating: " ", count: 4)
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0.value >= 0x202A && $0.value <= 0x2069 }) {
                cells.append(character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined())
            } else {
                cells.append(String(character))
            }
        }
        if column - 1 >= line.count { caret = cells.count }
        var start = 0, end = cells.count, prefix = "", suffix = ""
        if cells.count > window {
            start = max(0, min(caret - window / 2, cells.count - window))
            end = min(cells.count, start + window)
            if start > 0 { prefix = "…" }
            if end < cells.count { suffix = "…" }
        }
        // Escaped characters take more than one cell: count what is printed before the caret.
        let before = cells[start..<max(start, min(caret, end))].reduce(0) { $0 + $1.count }
        return (prefix + cells[start..<end].joined() + suffix, prefix.count + before)
    }
}
