internal import CCmarkGFM

/// A stretch of a document under one heading, as plain text: what search shows as a snippet and links to.
public struct TextSection: Sendable, Equatable {
    /// The heading's anchor; nil for the text before the first heading.
    public var anchor: String?
    public var heading: String
    public var text: String

    public init(anchor: String?, heading: String, text: String) {
        self.anchor = anchor
        self.heading = heading
        self.text = text
    }
}

extension [TextSection] {
    /// The sections' headings and text as one string.
    public var plainText: String {
        map { $0.heading.isEmpty ? $0.text : $0.heading + " " + $0.text }.joined(separator: " ")
    }
}

extension MarkdownDocument {
    /// The document's text split at its headings, without markup: paragraphs, list items, table cells and
    /// code, each block separated by a space. One pass over the tree, so its cost grows with the text
    /// (cmark's plain-text renderer does not: nested emphasis makes it quadratic).
    public var sections: [TextSection] {
        let headings = outline.headings
        var sections = [TextSection(anchor: nil, heading: "", text: "")]
        var headingIndex = 0, headingDepth = 0
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                if event == CMARK_EVENT_ENTER {
                    // The n-th heading node is the outline's n-th heading, with the anchor the page gives it.
                    let heading = headingIndex < headings.count ? headings[headingIndex] : nil
                    headingIndex += 1
                    sections.append(TextSection(anchor: heading?.anchor, heading: heading?.text ?? "", text: ""))
                    headingDepth += 1
                } else {
                    headingDepth -= 1
                }
                continue
            }
            guard headingDepth == 0 else { continue }
            if event == CMARK_EVENT_EXIT {
                if isBlock(type) { separate(&sections[sections.count - 1].text) }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { append(String(cString: literal), to: &sections[sections.count - 1].text) }
                if type == CMARK_NODE_CODE_BLOCK { separate(&sections[sections.count - 1].text) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                separate(&sections[sections.count - 1].text)
            default:
                break
            }
        }
        return sections.filter { $0.anchor != nil || !$0.text.isEmpty }.map { section in
            var trimmed = section
            while trimmed.text.last == " " { trimmed.text.removeLast() }
            return trimmed
        }
    }

    /// Blocks (paragraphs, items, table cells: the table extension registers its nodes as blocks) end a word.
    /// The whole text without markup, headings included, each block separated by a space.
    public var plainText: String { sections.plainText }

    private func isBlock(_ type: cmark_node_type) -> Bool {
        type.rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
    }

    /// One space between words of separate blocks and lines, never two.
    private func separate(_ text: inout String) {
        if let last = text.utf8.last, last != 0x20 { text += " " }
    }

    /// Appends text without the private-use marks that stand for formulas, white space collapsed to one
    /// space (a quote from code reads as one line).
    private func append(_ literal: String, to text: inout String) {
        // Most text is ASCII: walking its bytes skips the grapheme breaking a Character loop pays for.
        if literal.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(literal.utf8.count)
            var afterSpace = text.isEmpty || text.utf8.last == 0x20
            for byte in literal.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    if !afterSpace { bytes.append(0x20) }
                    afterSpace = true
                } else {
                    bytes.append(byte)
                    afterSpace = false
                }
            }
            text += String(decoding: bytes, as: UTF8.self)
            return
        }
        for character in literal where character != MathScanner.inlineMark && character != MathScanner.displayMark {
            if character.isWhitespace {
                separate(&text)
            } else {
                text.append(character)
            }
        }
    }
}
