// Lessons built to be slow or deep: every pass over a lesson must be linear in its size and iterative.
import Foundation
import Markdown
import Testing

/// Seconds `body` takes.
private func seconds(_ body: () -> Void) -> Double {
    let start = Date()
    body()
    return Date().timeIntervalSince(start)
}

@Test func plainTextOfNestedEmphasisIsLinear() {
    // 300 KB of emphasis nested inside emphasis: cmark's plain-text renderer took over 90 s on it.
    let count = 25_000
    let source = "# T\n\n" + String(repeating: "*a **b ", count: count) + "c" + String(repeating: "** d*", count: count) + "\n"
    var text = ""
    let elapsed = seconds { text = MarkdownDocument(source).plainText }
    #expect(elapsed < 10, "plain text of \(source.utf8.count) bytes took \(elapsed) s")
    #expect(text.hasPrefix("T "))
    #expect(text.filter { $0 == "a" }.count == count && text.filter { $0 == "d" }.count == count)
}

@Test func plainTextKeepsBlocksApartAndDropsMarkup() {
    let text = MarkdownDocument("# Title\n\nA *b* `c` [d](e.md)\nf\n\n- g\n- h\n\n```\ncode\n```\n\n| x | y |\n|---|---|\n| 1 | 2 |\n").plainText
    // Blocks and lines are kept apart by one space (the sections walk; search quotes read as one line).
    #expect(text == "Title A b c d f g h code x y 1 2")
}

@Test func columnsOfFiftyThousandLinksOnOneLineAreFoundInOnePass() {
    // Each link's column was found by decoding its line from the start: quadratic in the line's length.
    let count = 50_000
    let source = String(repeating: "é [x](a.md) ", count: count) + "\n"
    var references: [Reference] = []
    let elapsed = seconds { references = MarkdownDocument(source).outline.references }
    #expect(elapsed < 10, "the outline of \(count) links took \(elapsed) s")
    #expect(references.count == count)
    // "é [x](a.md) " is 12 characters (13 bytes): the n-th link starts at character 12 n + 3.
    #expect(references.last?.column == 12 * (count - 1) + 3)
    #expect(references[1].column == 15)
}

@Test func deepListsQuotesAndEmphasisDoNotRecurse() {
    let quotes = String(repeating: ">", count: 10_000) + " deep\n"
    let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- item\n" }.joined()
    let heading = "# " + String(repeating: "*a ", count: 10_000) + "b" + String(repeating: "*", count: 10_000) + "\n"
    for source in [quotes, lists, heading] {
        let document = MarkdownDocument(source)
        _ = document.outline
        #expect(document.plainText.contains(source == lists ? "item" : source == quotes ? "deep" : "b"))
        #expect(!MarkdownDocument(source).renderHTML().html.isEmpty)
    }
}

@Test func tablesWiderThanTheLimitAreTextWithAWarning() {
    let columns = 5_000
    let source = "# T\n\n" + String(repeating: "|a", count: columns) + "|\n" + String(repeating: "|-", count: columns) + "|\n"
        + String(repeating: "|b", count: columns) + "|\n"
    var outline: MarkdownOutline?
    var html = ""
    let elapsed = seconds {
        outline = MarkdownDocument(source).outline
        html = MarkdownDocument(source).renderHTML().html
    }
    #expect(elapsed < 10)
    #expect(outline?.warnings == [MarkdownWarning(line: 3, column: 1,
                                                  message: "a table row with 5000 columns, over the limit of 256: the table is shown as plain text",
                                                  hint: "split it into narrower tables, or turn it into a list")])
    #expect(!html.contains("<table"))
    // At the limit, a table is still a table.
    let narrow = "|" + String(repeating: "a|", count: 256) + "\n|" + String(repeating: "-|", count: 256) + "\n"
    #expect(MarkdownDocument(narrow).outline.warnings.isEmpty)
    #expect(MarkdownDocument(narrow).renderHTML().html.contains("<table>"))
}

@Test func rawHTMLIsReportedOncePerKindWithTheMarkdownToUse() {
    let source = """
        # T

        Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>
        A comment <!-- hidden on purpose --> and `<kbd>` in code.

        <details>
        <summary>Answer</summary>

        42
        </details>

        <script>alert(1)</script>

        """
    let warnings = MarkdownDocument(source).outline.warnings
    #expect(warnings.map { "\($0.line):\($0.column) \($0.message)" } == [
        "3:7 raw HTML '<kbd>' is left out of the page (2 times in this lesson)",
        "3:36 raw HTML '<br>' is left out of the page",
        "6:1 raw HTML '<details>' is left out of the page",
        "12:1 raw HTML '<script>' is left out of the page",
    ])
    #expect(warnings.map(\.hint) == [
        "use `code` for keys and commands, e.g. `Ctrl+C`",
        "end the line with a backslash '\\' for a line break, or leave a blank line for a new paragraph",
        "use a collapsible solution ('> [!SOLUTION]') or a callout ('> [!NOTE]')",
        "scripts are not allowed in lessons; use a quiz for interaction",
    ])
}
