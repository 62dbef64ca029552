internal import CCmarkGFM

/// A Markdown text parsed by cmark-gfm with the GitHub extensions (tables, strikethrough, autolinks,
/// task lists, tag filter). Raw HTML is not rendered: a lesson cannot inject scripts or invalid markup.
///
/// Not Sendable: it owns the cmark tree, freed in `deinit`. Parse, read and render on one thread.
public final class MarkdownDocument {
    let parser: OpaquePointer
    let root: OpaquePointer
    /// The text cmark parsed: the source with formulas masked (same characters per line and column).
    let source: [UInt8]
    /// The TeX formulas taken out before parsing, in document order, and unclosed delimiters.
    let math: MathScanner
    /// Byte offset where each line starts, to turn cmark's byte columns into character columns.
    private lazy var lineStarts: [Int] = {
        var starts = [0]
        for (offset, byte) in source.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return starts
    }()

    /// Problems found before parsing (over-wide tables), reported with the outline.
    let limitWarnings: [MarkdownWarning]
    /// The last column found: its line, byte offset in `source` and character column.
    private var columnCursor: (line: Int, byte: Int, column: Int) = (0, 0, 1)

    /// Parses `source`.
    public init(_ source: String) {
        _ = extensionsRegistered
        let math = MathScanner(source)
        let bytes = Array(math.text.utf8)
        let parser = cmark_parser_new(markdownOptions)!
        // cmark-gfm 0.29's table extension appends each cell by walking the row's list, so a row's cost grows
        // with the square of its width: past the limit the table is left as text, and the author is told.
        let wideRow = TableWidth.widestRow(in: bytes)
        var extensions = ["strikethrough", "autolink", "tagfilter", "tasklist"]
        if let wideRow, wideRow.columns > TableWidth.maximumColumns {
            limitWarnings = [MarkdownWarning(line: wideRow.line, column: 1,
                                             message: "a table row with \(wideRow.columns) columns, over the limit of \(TableWidth.maximumColumns): the table is shown as plain text",
                                             hint: "split it into narrower tables, or turn it into a list")]
        } else {
            extensions.append("table")
            limitWarnings = []
        }
        for name in extensions {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        self.source = bytes
        self.math = math
        self.parser = parser
        self.root = cmark_parser_finish(parser)
        // "[!NOTE]" arrives as several text nodes ("[", "!NOTE", "]"); joined, callouts are easy to spot.
        cmark_consolidate_text_nodes(root)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Calls `body` for every node on entering it, in document order.
    func forEachNode(_ body: (OpaquePointer) -> Void) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// The text inside a node: text and code literals, breaks as spaces. Walked with an iterator rather
    /// than recursion, so emphasis nested thousands deep cannot overflow the stack.
    func plainText(of node: OpaquePointer) -> String {
        var text = ""
        forEachEvent(under: node) { current, entering in
            guard entering else { return }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// Calls `body` for `node` and every node below it, on entering and (for containers) on leaving.
    func forEachEvent(under node: OpaquePointer, _ body: (OpaquePointer, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if let current = cmark_iter_get_node(iterator) { body(current, event == CMARK_EVENT_ENTER) }
        }
    }

    /// A node's start as (line, column) starting at 1, the column in characters rather than cmark's bytes.
    /// Nodes are asked for in document order, so characters are counted on from the previous node of the
    /// same line: 50,000 links on one line cost one pass over it, not one pass per link.
    func position(of node: OpaquePointer) -> (line: Int, column: Int) {
        let line = Int(cmark_node_get_start_line(node))
        let byteColumn = Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return (max(line, 1), max(byteColumn, 1)) }
        let start = lineStarts[line - 1]
        let end = min(start + byteColumn - 1, source.count)
        if columnCursor.line != line || columnCursor.byte > end {
            columnCursor = (line, start, 1)
        }
        columnCursor.column += String(decoding: source[columnCursor.byte..<end], as: UTF8.self).count
        columnCursor.byte = end
        return (line, columnCursor.column)
    }
}

/// cmark-gfm finds its extensions by name only after they are registered, once per process.
private let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

/// Safe mode (no raw HTML), UTF-8 validated, table alignment as style rather than the obsolete `align`.
var markdownOptions: Int32 {
    CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
}
