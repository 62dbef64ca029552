/// A lesson file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    /// The YAML between the `---` lines, or nil when the file has none.
    var yaml: String?
    var body: String
    /// The file line the body starts on, starting at 1.
    var bodyStartLine: Int

    enum SplitError: Error { case unterminated }

    /// Splits `text` when its first line is `---`; the front matter ends at the next `---` or `...` line.
    static func split(_ text: String) throws(SplitError) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCarriageReturn == "---" else {
            return FrontMatter(yaml: nil, body: text, bodyStartLine: 1)
        }
        guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingCarriageReturn) }) else {
            throw .unterminated
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        lines.removeFirst(end + 1)
        return FrontMatter(yaml: yaml, body: lines.joined(separator: "\n"), bodyStartLine: end + 2)
    }
}

private extension Substring {
    var trimmingCarriageReturn: Substring { hasSuffix("\r") ? dropLast() : self }
}
