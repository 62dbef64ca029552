import Foundation
internal import CCmarkGFM

/// HTML for a Markdown text, plus the table of contents a lesson page shows beside it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// The level 2 and 3 headings, in order, with the anchors their `id` attributes carry.
    public var tableOfContents: [Heading]
}

extension MarkdownDocument {
    /// Renders the document as HTML with an `id` on every heading.
    /// - Parameter rewrite: returns a new destination for a link or image (e.g. `02-loops.md` → `02-loops.html`),
    ///   or nil to keep it as written. This is how renderers map course paths to output paths.
    public func renderHTML(rewrite: (Reference) -> String? = { _ in nil }) -> RenderedMarkdown {
        let outline = self.outline
        var index = 0
        forEachNode { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { return }
            // The outline lists links and images in the same document order as this walk.
            let reference = outline.references[index]
            index += 1
            if let destination = rewrite(reference) { cmark_node_set_url(node, destination) }
        }
        guard let rendered = cmark_render_html(root, markdownOptions, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", tableOfContents: [])
        }
        defer { free(rendered) }
        let html = addingHeadingIDs(to: String(cString: rendered), headings: outline.headings)
        return RenderedMarkdown(html: html, tableOfContents: outline.headings.filter { (2...3).contains($0.level) })
    }

    /// Puts each heading's anchor on its opening tag. In safe mode every `<hN>` in cmark's output comes
    /// from a heading (raw HTML is omitted, code is escaped), in document order, so the n-th tag is the
    /// n-th heading.
    private func addingHeadingIDs(to html: String, headings: [Heading]) -> String {
        guard !headings.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + headings.count * 24)
        var position = 0
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8)
            guard let found = firstIndex(of: tag, in: bytes, from: position) else { break }
            result += bytes[position..<found]
            result += Array("<h\(heading.level) id=\"\(heading.anchor)\">".utf8)
            position = found + tag.count
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }
}

/// Where `needle` first occurs in `haystack` at or after `start`.
private func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var index = start
    while index <= haystack.count - needle.count {
        if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
        index += 1
    }
    return nil
}

extension MarkdownDocument {
    /// The document as plain text without markup, for search indexes.
    public var plainText: String {
        guard let rendered = cmark_render_plaintext(root, markdownOptions, 0) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
