import CourseModel
import Foundation

/// Why `lectern serve --site OUT` must not serve a site: the server grades quizzes, so a site whose pages
/// carry the answer keys would give them away.
enum ServedSiteGuard {
    /// The file `lectern build --server-grading` writes into the site it builds.
    static let marker = ".lectern-server-grading"

    /// What is wrong with serving `folder`, or nil when it was built for the server and no page holds a key.
    static func problem(in folder: URL) -> String? {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path) else {
            return "\(folder.path) was not built with 'lectern build --server-grading' (it has no \(marker))"
        }
        // The marker can be copied next to pages of another build: every page is still read, as HTML.
        for entry in FileWalk.entries(under: folder.path) where entry.path.hasSuffix(".html") || entry.path.hasSuffix(".htm") {
            let page = folder.appendingPathComponent(entry.path)
            guard let data = FileManager.default.contents(atPath: page.path) else { continue }
            if scriptIDs(in: String(decoding: data, as: UTF8.self)).contains("quiz-key") { return "\(page.path) holds quiz answers" }
        }
        return nil
    }

    /// The `id` of every `<script>` element, read as an HTML tokenizer reads tags: any case, attributes
    /// quoted with " or ' or unquoted (as minifiers write them), comments and script bodies skipped.
    static func scriptIDs(in html: String) -> [String] {
        let text = Array(html.utf8)
        var ids: [String] = []
        var index = 0
        while let open = text[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if text[index...].starts(with: Array("!--".utf8)) {
                index = find(Array("-->".utf8), in: text, from: index + 3) ?? text.count
                continue
            }
            guard lowercased(text, from: index, count: 6) == "script", index + 6 < text.count,
                  [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C, UInt8(ascii: "/"), UInt8(ascii: ">")]
                    .contains(text[index + 6]) else { continue }
            index += 6
            let attributes = readAttributes(text, &index)
            if let id = attributes["id"] { ids.append(id) }
            // A script's body is text up to `</script`, whatever it holds.
            var close = index
            while let candidate = find(Array("</".utf8), in: text, from: close) {
                if lowercased(text, from: candidate + 2, count: 6) == "script" { close = candidate; break }
                close = candidate + 2
            }
            index = max(index, close)
            if index >= text.count { break }
        }
        return ids
    }
}

private extension ServedSiteGuard {
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    /// Reads `name=value` pairs up to the tag's `>`, leaving `index` after it. Names are lowercased.
    static func readAttributes(_ text: [UInt8], _ index: inout Int) -> [String: String] {
        var attributes: [String: String] = [:]
        while index < text.count {
            while index < text.count, isSpace(text[index]) || text[index] == UInt8(ascii: "/") { index += 1 }
            guard index < text.count, text[index] != UInt8(ascii: ">") else { index += 1; break }
            let nameStart = index
            while index < text.count, !isSpace(text[index]), !"/>=".utf8.contains(text[index]) { index += 1 }
            let name = String(decoding: text[nameStart..<index], as: UTF8.self).lowercased()
            while index < text.count, isSpace(text[index]) { index += 1 }
            var value = ""
            if index < text.count, text[index] == UInt8(ascii: "=") {
                index += 1
                while index < text.count, isSpace(text[index]) { index += 1 }
                if index < text.count, text[index] == UInt8(ascii: "\"") || text[index] == UInt8(ascii: "'") {
                    let quote = text[index]
                    let end = text[(index + 1)...].firstIndex(of: quote) ?? text.count
                    value = String(decoding: text[(index + 1)..<end], as: UTF8.self)
                    index = min(end + 1, text.count)
                } else {
                    let start = index
                    while index < text.count, !isSpace(text[index]), text[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: text[start..<index], as: UTF8.self)
                }
            }
            // The first of two attributes with one name wins, as in browsers.
            if !name.isEmpty, attributes[name] == nil { attributes[name] = decodeReferences(value) }
        }
        return attributes
    }

    /// `&#113;uiz-key` and `&#x71;` are the same id to a browser.
    static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = value
        while let range = result.range(of: #"&#[xX]?[0-9a-fA-F]+;?"#, options: .regularExpression) {
            let body = result[range].dropFirst(2).filter { $0 != ";" }
            let number = body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body, radix: 10)
            result.replaceSubrange(range, with: number.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "")
        }
        return result
    }

    static func lowercased(_ text: [UInt8], from start: Int, count: Int) -> String? {
        guard start + count <= text.count else { return nil }
        return String(decoding: text[start..<(start + count)], as: UTF8.self).lowercased()
    }

    static func find(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
        guard start < text.count, needle.count <= text.count else { return nil }
        var index = start
        while index + needle.count <= text.count {
            if text[index] == needle[0], Array(text[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
