internal import CCmarkGFM

extension MarkdownDocument {
    /// The headings (with unique anchors), links and images of the document.
    public var outline: MarkdownOutline {
        var headings: [Heading] = []
        var references: [Reference] = []
        var anchors = AnchorAllocator()
        var rawHTML = RawHTMLFinder()
        forEachNode { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                rawHTML.found(literal) { position(of: node) }
            case CMARK_NODE_HEADING:
                let text = plainText(of: node)
                headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text,
                                        anchor: anchors.allocate(for: text), line: position(of: node).line))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let kind: Reference.Kind = cmark_node_get_type(node) == CMARK_NODE_IMAGE ? .image : .link
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let (line, column) = position(of: node)
                references.append(Reference(kind: kind, destination: destination, text: plainText(of: node),
                                            line: line, column: column))
            default:
                break
            }
        }
        let title = headings.first(where: { $0.level == 1 })?.text
        return MarkdownOutline(title: title, headings: headings, references: references,
                               mathProblems: math.problems.map { ($0.line, $0.column, $0.message) },
                               warnings: limitWarnings + rawHTML.warnings)
    }
}

/// Gives headings GitHub-style anchors, numbering repeats: "setup", "setup-1", "setup-2".
struct AnchorAllocator {
    private var used: [String: Int] = [:]

    mutating func allocate(for text: String) -> String {
        let base = Slug.make(text).isEmpty ? "section" : Slug.make(text)
        guard let count = used[base] else {
            used[base] = 1
            return base
        }
        used[base] = count + 1
        return "\(base)-\(count)"
    }
}
