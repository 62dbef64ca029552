/// Finds TeX math in Markdown before cmark sees it (`$…$` inline, `$$…$$` display), so Markdown syntax
/// inside formulas (`a_1 * b_2`) is not read as emphasis. Each formula is replaced by private-use
/// characters of the same length, which keeps every line and column of the text where it was; the
/// renderer puts the formulas back into the HTML.
///
/// Rules follow pandoc: an inline opening `$` is followed by a non-space, a closing `$` follows a
/// non-space and is not followed by a digit (so "$5 and $10" is no formula). `\$` is a dollar sign.
/// Code spans and fenced code blocks are left alone. Display math starts with `$$` and ends at the next `$$`.
struct MathScanner {
    struct Formula: Equatable {
        var tex: String
        var display: Bool
    }

    /// A delimiter that opens and is never closed.
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static let inlineMark: Character = "\u{E000}"
    static let displayMark: Character = "\u{E001}"

    var text: String
    var formulas: [Formula] = []
    var problems: [Problem] = []

    init(_ source: String) {
        text = source
        guard source.utf8.contains(UInt8(ascii: "$")) else { return }
        scan(Array(source))
    }

    private mutating func scan(_ characters: [Character]) {
        var output = characters
        var index = 0
        var line = 1, lineStart = 0
        var inFence: String?
        var atLineStart = true
        while index < characters.count {
            let character = characters[index]
            if atLineStart {
                atLineStart = false
                // Fenced code blocks: ``` or ~~~ at the start of a line (after up to 3 spaces).
                var probe = index
                while probe < characters.count, characters[probe] == " ", probe - index < 3 { probe += 1 }
                let rest = String(characters[probe..<min(probe + 3, characters.count)])
                if let fence = inFence {
                    if rest == fence { inFence = nil }
                    index = skipLine(characters, from: index, line: &line, lineStart: &lineStart, atLineStart: &atLineStart)
                    continue
                } else if rest == "```" || rest == "~~~" {
                    inFence = rest
                    index = skipLine(characters, from: index, line: &line, lineStart: &lineStart, atLineStart: &atLineStart)
                    continue
                }
            }
            switch character {
            case "\n":
                line += 1
                lineStart = index + 1
                atLineStart = true
                index += 1
            case "\\":
                index += 2
            case "`":
                // A code span: skip to the closing run of the same length.
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                var search = index + run
                var closed = false
                while search < characters.count {
                    if characters[search] == "`" {
                        var length = 0
                        while search + length < characters.count, characters[search + length] == "`" { length += 1 }
                        if length == run { closed = true; search += length; break }
                        search += length
                    } else {
                        search += 1
                    }
                }
                index = closed ? search : index + run
            case "$":
                let column = index - lineStart + 1
                if index + 1 < characters.count, characters[index + 1] == "$" {
                    guard let end = find("$$", in: characters, from: index + 2) else {
                        problems.append(Problem(line: line, column: column, message: "display math opened with '$$' is never closed"))
                        index += 2
                        continue
                    }
                    formulas.append(Formula(tex: String(characters[index + 2..<end]).trimmingNewlines, display: true))
                    for position in index..<end + 2 where characters[position] != "\n" { output[position] = Self.displayMark }
                    for position in index..<end + 2 where characters[position] == "\n" {
                        line += 1
                        lineStart = position + 1
                    }
                    index = end + 2
                } else if let end = inlineEnd(characters, from: index) {
                    formulas.append(Formula(tex: String(characters[index + 1..<end]), display: false))
                    for position in index...end { output[position] = Self.inlineMark }
                    index = end + 1
                } else {
                    if index + 1 < characters.count, !characters[index + 1].isWhitespace, !characters[index + 1].isNumber {
                        problems.append(Problem(line: line, column: column, message: "math opened with '$' is never closed on its line"))
                    }
                    index += 1
                }
            default:
                index += 1
            }
        }
        if !formulas.isEmpty { text = String(output) }
    }

    /// The closing `$` of an inline formula opened at `start`, on the same line.
    private func inlineEnd(_ characters: [Character], from start: Int) -> Int? {
        guard start + 1 < characters.count, !characters[start + 1].isWhitespace, characters[start + 1] != "$" else { return nil }
        var index = start + 1
        while index < characters.count, characters[index] != "\n" {
            if characters[index] == "\\" { index += 2; continue }
            if characters[index] == "$" {
                let closesHere = !characters[index - 1].isWhitespace
                    && !(index + 1 < characters.count && characters[index + 1].isNumber)
                return closesHere ? index : nil
            }
            index += 1
        }
        return nil
    }

    private func find(_ needle: String, in characters: [Character], from start: Int) -> Int? {
        let target = Array(needle)
        var index = start
        while index + target.count <= characters.count {
            if characters[index] == "\\" { index += 2; continue }
            if Array(characters[index..<index + target.count]) == target { return index }
            index += 1
        }
        return nil
    }

    private func skipLine(_ characters: [Character], from start: Int, line: inout Int, lineStart: inout Int, atLineStart: inout Bool) -> Int {
        var index = start
        while index < characters.count, characters[index] != "\n" { index += 1 }
        if index < characters.count {
            line += 1
            lineStart = index + 1
            atLineStart = true
            index += 1
        }
        return index
    }
}

private extension String {
    var trimmingNewlines: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result = result.dropFirst() }
        while result.last?.isWhitespace == true { result = result.dropLast() }
        return String(result)
    }
}
