/// A fenced code block as HTML: one span per line, so lines can be numbered and highlighted without
/// JavaScript; the theme's script colours them with highlight.js when it knows the language.
///
/// The info string is the language and an optional `{…}` of `numbers` and lines to highlight:
/// ```` ```python {3-4} ````, ```` ```sql {numbers 2,5-6} ````. Highlighted lines imply numbers.
struct CodeBlock {
    var language: String
    var showNumbers: Bool
    var highlighted: Set<Int>
    var code: String

    init(info: String, code: String) {
        self.code = code
        var rest = Substring(info.trimmingSpaces)
        var options = ""
        if let open = rest.firstIndex(of: "{"), let close = rest.lastIndex(of: "}"), open < close {
            options = String(rest[rest.index(after: open)..<close])
            rest = rest[..<open]
        }
        language = String(rest.split(separator: " ").first ?? "").lowercased()
        var lines = Set<Int>()
        var numbers = false
        for token in options.split(whereSeparator: { $0 == "," || $0 == " " }) {
            if token == "numbers" { numbers = true; continue }
            let bounds = token.split(separator: "-", maxSplits: 1).compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 10_000 {
                lines.formUnion(bounds[0]...bounds[1])
            } else if bounds.count == 1 {
                lines.insert(bounds[0])
            }
        }
        highlighted = lines
        showNumbers = numbers || !lines.isEmpty
    }

    var html: String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let language = escapeText(self.language)
        var html = "<figure class=\"code-block\" data-lang=\"\(language)\">\n"
        html += "<pre class=\"code\(showNumbers ? " line-numbers" : "")\" data-lang=\"\(language)\">"
        html += language.isEmpty ? "<code>" : "<code class=\"language-\(language)\">"
        for (index, line) in lines.enumerated() {
            let number = index + 1
            html += "<span class=\"line\(highlighted.contains(number) ? " highlighted" : "")\" data-line=\"\(number)\">"
            html += escapeText(line) + "</span>\n"
        }
        html += "</code></pre>\n</figure>\n"
        return html
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
