/// Finds the raw HTML a lesson holds. Safe mode leaves it out of the page without a trace, so each kind
/// of tag gets one warning (at its first use, with how often it occurs) naming the Markdown to write instead.
struct RawHTMLFinder {
    private(set) var warnings: [MarkdownWarning] = []
    /// Tag kind → index of its warning and how many times the kind occurs.
    private var seen: [String: (index: Int, count: Int)] = [:]

    /// Notes the HTML of one node; `position` is asked only for a kind not seen before.
    mutating func found(_ html: String, at position: () -> (line: Int, column: Int)) {
        // Comments are meant to be hidden; closing tags belong to an opening tag already reported.
        guard let tag = Self.openingTag(html) else { return }
        let kind = Self.kind(of: tag)
        if let previous = seen[kind] {
            seen[kind] = (previous.index, previous.count + 1)
            warnings[previous.index].message = Self.message(tag: kind, count: previous.count + 1)
            return
        }
        let (line, column) = position()
        seen[kind] = (warnings.count, 1)
        warnings.append(MarkdownWarning(line: line, column: column, message: Self.message(tag: kind, count: 1),
                                        hint: Self.hint(for: kind)))
    }

    /// The lowercased name of the first opening tag, or nil for comments, closing tags and text.
    static func openingTag(_ html: String) -> String? {
        var characters = html.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        guard characters.first == "<" else { return nil }
        characters = characters.dropFirst()
        let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        guard let first = name.first, first.isLetter else { return nil }
        return name.lowercased()
    }

    /// Tags that are one mistake together count as one kind: `<summary>` goes with `<details>`.
    static func kind(of tag: String) -> String {
        switch tag {
        case "summary": "details"
        case "thead", "tbody", "tr", "td", "th": "table"
        case "li": "ul"
        default: tag
        }
    }

    static func message(tag: String, count: Int) -> String {
        let times = count == 1 ? "" : " (\(count) times in this lesson)"
        return "raw HTML '<\(tag)>' is left out of the page\(times)"
    }

    /// The Markdown (or course format feature) that does what the tag was meant to do.
    static func hint(for tag: String) -> String {
        switch tag {
        case "script", "noscript": "scripts are not allowed in lessons; use a quiz for interaction"
        case "kbd", "code", "tt", "samp", "var": "use `code` for keys and commands, e.g. `Ctrl+C`"
        case "details": "use a collapsible solution ('> [!SOLUTION]') or a callout ('> [!NOTE]')"
        case "br": "end the line with a backslash '\\' for a line break, or leave a blank line for a new paragraph"
        case "b", "strong": "use **bold**"
        case "i", "em": "use *italics*"
        case "s", "del", "strike": "use ~~strikethrough~~"
        case "a": "use a Markdown link: [text](destination)"
        case "img": "use a Markdown image: ![description](path)"
        case "table": "use a Markdown table with '|' columns"
        case "ul", "ol": "use a Markdown list: lines starting with '- ' or '1. '"
        case "h1", "h2", "h3", "h4", "h5", "h6": "use a Markdown heading: '## Title'"
        case "pre": "use a fenced code block (```)"
        case "hr": "use a line holding only '---'"
        case "iframe", "video", "audio", "embed", "object": "make a video or audio lesson ('type: video') with a course file"
        default: "write it in Markdown: lessons show no raw HTML"
        }
    }
}
