import Foundation
internal import CCmarkGFM

extension MarkdownDocument {
    /// Renders a text a learner wrote (a discussion post) for other people's pages. Safe mode already
    /// omits raw HTML and empties `javascript:`, `vbscript:`, `file:` and `data:` link destinations;
    /// on top of that images become their alt text (a post must not make every reader's browser fetch
    /// an address it chose), links get `rel="nofollow noopener"`, and headings get no `id` (a post's
    /// anchors must not clash with the page's).
    public func renderPostHTML() -> String {
        var images: [OpaquePointer] = []
        forEachNode { node in
            if cmark_node_get_type(node) == CMARK_NODE_IMAGE { images.append(node) }
        }
        // Changed after the walk: unlinking a node during iteration would leave the iterator on freed memory.
        for image in images {
            let text = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(text, plainText(of: image))
            cmark_node_insert_before(image, text)
            cmark_node_unlink(image)
            cmark_node_free(image)
        }
        guard let rendered = cmark_render_html(root, markdownOptions, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if !math.formulas.isEmpty { html = restoringFormulas(in: html) }
        // In safe mode every `<a href` in cmark's output is a link's (text is escaped, raw HTML omitted).
        return html.replacingOccurrences(of: "<a href=\"", with: "<a rel=\"nofollow noopener\" href=\"")
    }
}
