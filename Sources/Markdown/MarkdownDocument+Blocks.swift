internal import CCmarkGFM
import Foundation

/// The titles callouts and solution blocks get, in the page's language.
public struct CalloutTitles: Sendable {
    public var titles: [String: String]
    public init(_ titles: [String: String]) { self.titles = titles }
    /// English, for renderers without a string table.
    public static let english = CalloutTitles(["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning",
                                               "caution": "Caution", "solution": "Solution",
                                               "task.done": "Done", "task.open": "Not done"])
}

extension MarkdownDocument {
    /// Replaces code blocks with line-numbered, highlightable markup and `> [!KIND]` quotes with callouts.
    /// Runs once, just before rendering (the outline is read from the untouched tree).
    func transformBlocks(titles: CalloutTitles) -> (hasCode: Bool, hasCallouts: Bool) {
        var codeBlocks: [OpaquePointer] = []
        var quotes: [OpaquePointer] = []
        forEachNode { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_BLOCK_QUOTE: quotes.append(node)
            default: break
            }
        }
        for node in codeBlocks {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            replace(node, with: CodeBlock(info: info, code: code).html, closing: "")
        }
        var hasCallouts = false
        for quote in quotes where convertCallout(quote, titles: titles) { hasCallouts = true }
        return (!codeBlocks.isEmpty, hasCallouts)
    }

    /// Turns a block quote that starts with `[!NOTE]` (TIP, IMPORTANT, WARNING, CAUTION, SOLUTION) into a
    /// callout or a collapsible solution, keeping the rest of its content.
    private func convertCallout(_ quote: OpaquePointer, titles: CalloutTitles) -> Bool {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(text).map({ String(cString: $0) }),
              literal.hasPrefix("[!"), let close = literal.firstIndex(of: "]") else { return false }
        let kind = literal[literal.index(literal.startIndex, offsetBy: 2)..<close].lowercased()
        guard let title = titles.titles[kind] else { return false }
        let rest = literal[literal.index(after: close)...].drop { $0 == " " }
        if rest.isEmpty {
            // The marker alone on its line: drop it and the line break after it.
            if let next = cmark_node_next(text), cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(next) == CMARK_NODE_LINEBREAK {
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            cmark_node_unlink(text)
            cmark_node_free(text)
            if cmark_node_first_child(paragraph) == nil {
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
            }
        } else {
            cmark_node_set_literal(text, String(rest))
        }
        let escaped = escapeText(title)
        let (opening, closing) = kind == "solution"
            ? ("<details class=\"solution\">\n<summary>\(escaped)</summary>\n", "</details>\n")
            : ("<div class=\"callout callout-\(kind)\" role=\"note\">\n<p class=\"callout-title\">\(escaped)</p>\n", "</div>\n")
        let callout = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(callout, opening)
        cmark_node_set_on_exit(callout, closing)
        while let child = cmark_node_first_child(quote) {
            cmark_node_unlink(child)
            cmark_node_append_child(callout, child)
        }
        cmark_node_replace(quote, callout)
        cmark_node_free(quote)
        return true
    }

    /// Puts literal HTML in place of a node.
    private func replace(_ node: OpaquePointer, with opening: String, closing: String) {
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(block, opening)
        cmark_node_set_on_exit(block, closing)
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }
}

/// `&`, `<`, `>` and `"` escaped for HTML text and attribute values, as cmark escapes them.
public func escapeText(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}
