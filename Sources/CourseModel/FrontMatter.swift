/// A lesson file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    var body: String
    /// The file line the body starts on, starting at 1.
    var bodyStartLine: Int

    enum SplitError: Error { case unterminated }

    /// Splits `text` when its first line is `---`; the front matter ends at the next `---` or `...` line.
    /// Lines end at a "\n" that is not part of "\r\n" (a Character split's rule), found in the UTF-8
    /// bytes: splitting the whole file into Characters was a fifth of `lectern check`.
    static func split(_ text: String) throws(SplitError) -> FrontMatter {
        let utf8 = text.utf8
        let first = line(in: utf8, from: utf8.startIndex)
        guard isMarker(utf8[first.content], dots: false) else { return FrontMatter(yaml: nil, body: text, bodyStartLine: 1) }
        var next = first.next
        var number = 1
        while let start = next {
            let current = line(in: utf8, from: start)
            if isMarker(utf8[current.content], dots: true) {
                let yamlStart = first.next!
                // The "\n" before the closing line ends the YAML; with no lines between, the YAML is empty.
                let yaml = number == 1 ? "" : String(text[yamlStart..<utf8.index(before: start)])
                let body = current.next.map { String(text[$0...]) } ?? ""
                return FrontMatter(yaml: yaml, body: body, bodyStartLine: number + 2)
            }
            next = current.next
            number += 1
        }
        throw .unterminated
    }

    /// The line starting at `start`: its bytes without the separator, and where the next line starts (nil at the end).
    private static func line(in utf8: String.UTF8View, from start: String.Index) -> (content: Range<String.Index>, next: String.Index?) {
        var index = start
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") {
                return (start..<index, utf8.index(after: index))
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        return (start..<index, nil)
    }

    /// `---` (or `...` when `dots`), with the "\r" a last line may keep.
    private static func isMarker(_ line: Substring.UTF8View, dots: Bool) -> Bool {
        var bytes = Array(line.prefix(5))
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes == Array("---".utf8) || (dots && bytes == Array("...".utf8))
    }
}
