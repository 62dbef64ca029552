import Foundation
internal import CCmarkGFM
internal import Utilities

/// HTML for a Markdown text, plus the table of contents a lesson page shows beside it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    /// The level 2 and 3 headings, in order, with the anchors their `id` attributes carry.
    public var tableOfContents: [Heading]
    /// Whether the HTML holds code blocks or formulas: pages load highlighting and math scripts only then.
    public var hasCode = false
    public var hasMath = false
}

extension MarkdownDocument {
    /// Renders the document as HTML with an `id` on every heading.
    /// - Parameter rewrite: returns a new destination for a link or image (e.g. `02-loops.md` → `02-loops.html`),
    ///   or nil to keep it as written. This is how renderers map course paths to output paths.
    ///   Call it once per document: it turns code blocks and callouts into their final markup.
    /// - Parameter titles: the titles of callouts (`> [!NOTE]`) and solutions in the page's language.
    public func renderHTML(titles: CalloutTitles = .english, rewrite: (Reference) -> String? = { _ in nil }) -> RenderedMarkdown {
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
        let blocks = transformBlocks(titles: titles)
        guard let rendered = cmark_render_html(root, markdownOptions, cmark_parser_get_syntax_extensions(parser)) else {
            return RenderedMarkdown(html: "", tableOfContents: [])
        }
        defer { free(rendered) }
        var html = addingHeadingIDs(to: String(cString: rendered), headings: outline.headings)
        if !math.formulas.isEmpty { html = restoringFormulas(in: html) }
        html = labellingTaskCheckboxes(in: html, titles: titles)
        return RenderedMarkdown(html: html, tableOfContents: outline.headings.filter { (2...3).contains($0.level) },
                                hasCode: blocks.hasCode, hasMath: !math.formulas.isEmpty)
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

extension MarkdownDocument {
    /// Gives task-list checkboxes (`- [x] …`) an accessible name: a form field without one is announced
    /// as just "checkbox". In safe mode these are the only `<input>`s in cmark's output.
    func labellingTaskCheckboxes(in html: String, titles: CalloutTitles) -> String {
        guard html.containsBytes("<input type=\"checkbox\"") else { return html }
        let done = escapeText(titles.titles["task.done"] ?? "Done")
        let open = escapeText(titles.titles["task.open"] ?? "Not done")
        return html
            .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                  with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"\(done)\" />")
            .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />",
                                  with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"\(open)\" />")
    }

    /// Puts the formulas back where `MathScanner` masked them: each run of mask characters is the next
    /// formula. The TeX stays readable as text (with its delimiters) until the math script typesets it
    /// from `data-tex`; a display formula alone in its paragraph replaces the paragraph.
    func restoringFormulas(in html: String) -> String {
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var formulas = math.formulas.makeIterator()
        var characters = Substring(html)
        while let index = characters.firstIndex(where: { $0 == MathScanner.inlineMark || $0 == MathScanner.displayMark }) {
            var end = index
            while end < characters.endIndex, characters[end] == characters[index] || (characters[index] == MathScanner.displayMark && characters[end] == "\n") {
                end = characters.index(after: end)
            }
            var before = characters[..<index]
            var after = characters[end...]
            guard let formula = formulas.next() else { break }
            let tex = escapeText(formula.tex)
            if formula.display && before.hasSuffix("<p>") && after.hasPrefix("</p>") {
                before = before.dropLast(3)
                after = after.dropFirst(4)
                result += before + "<div class=\"math math-display\" data-tex=\"\(tex)\">$$\(tex)$$</div>"
            } else if formula.display {
                result += before + "<span class=\"math math-display\" data-tex=\"\(tex)\">$$\(tex)$$</span>"
            } else {
                result += before + "<span class=\"math math-inline\" data-tex=\"\(tex)\">$\(tex)$</span>"
            }
            characters = after
        }
        result += characters
        return result
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
