import Markdown
import Testing

@Test func codeBlocksGetLinesNumbersAndHighlights() {
    let rendered = MarkdownDocument("```python {2-3}\na = 1\nb = 2\nc = <3\n```\n").renderHTML()
    #expect(rendered.hasCode && !rendered.hasMath)
    #expect(rendered.html.contains("<figure class=\"code-block\" data-lang=\"python\">"))
    #expect(rendered.html.contains("<pre class=\"code line-numbers\" data-lang=\"python\"><code class=\"language-python\">"))
    #expect(rendered.html.contains("<span class=\"line\" data-line=\"1\">a = 1</span>\n<span class=\"line highlighted\" data-line=\"2\">b = 2</span>"))
    #expect(rendered.html.contains("<span class=\"line highlighted\" data-line=\"3\">c = &lt;3</span>"))
    #expect(!rendered.html.contains("data-line=\"4\""))
}

@Test func codeBlockOptionsAndPlainFallback() {
    let numbered = MarkdownDocument("```SQL {numbers 2,4-5}\n1\n2\n3\n4\n5\n```\n").renderHTML().html
    #expect(numbered.contains("data-lang=\"sql\"") && numbered.contains("line-numbers"))
    #expect(numbered.components(separatedBy: "line highlighted").count - 1 == 3)
    let plain = MarkdownDocument("    indented code\n").renderHTML().html
    #expect(plain.contains("<pre class=\"code\" data-lang=\"\"><code><span class=\"line\" data-line=\"1\">indented code</span>"))
}

@Test func calloutsAndSolutionsReplaceTheirQuotes() {
    let source = "> [!WARNING]\n> Back up first.\n\n> [!TIP] Inline tip text.\n\n> [!SOLUTION]\n> `print(42)`\n\n> Just a quote.\n"
    let html = MarkdownDocument(source).renderHTML(titles: CalloutTitles(["warning": "Atención", "tip": "Consejo", "solution": "Solución"])).html
    #expect(html.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Atención</p>\n<p>Back up first.</p>\n</div>"))
    #expect(html.contains("<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Consejo</p>\n<p>Inline tip text.</p>"))
    #expect(html.contains("<details class=\"solution\">\n<summary>Solución</summary>\n<p><code>print(42)</code></p>\n</details>"))
    #expect(html.contains("<blockquote>\n<p>Just a quote.</p>\n</blockquote>"))
    #expect(!html.contains("[!"))
}

@Test func unknownCalloutKindStaysAQuote() {
    let html = MarkdownDocument("> [!DANGER]\n> Hm.\n").renderHTML().html
    #expect(html.contains("<blockquote>") && html.contains("[!DANGER]"))
}

@Test func mathIsKeptAwayFromMarkdownAndRestored() {
    let rendered = MarkdownDocument("Area $a_1 * b_2$ and\n\n$$\n\\sum_{i=1}^n i\n$$\n\nCosts $5 and $10.\n\nEscaped \\$x and y$.\n").renderHTML()
    #expect(rendered.hasMath)
    #expect(rendered.html.contains("<span class=\"math math-inline\" data-tex=\"a_1 * b_2\">$a_1 * b_2$</span>"))
    #expect(rendered.html.contains("<div class=\"math math-display\" data-tex=\"\\sum_{i=1}^n i\">$$\\sum_{i=1}^n i$$</div>"))
    #expect(rendered.html.contains("Costs $5 and $10."))
    #expect(rendered.html.contains("Escaped $x and y$."))
    #expect(!rendered.html.contains("<em>"))
}

@Test func mathInCodeIsLeftAlone() {
    let html = MarkdownDocument("Use `$HOME` here.\n\n```bash\necho $PATH $HOME\n```\n").renderHTML().html
    #expect(html.contains("<code>$HOME</code>") && html.contains("echo $PATH $HOME"))
    #expect(!html.contains("math"))
}

@Test func unclosedDelimitersAreReportedWithTheirPosition() {
    let outline = MarkdownDocument("Fine $x$ here.\n\nBroken $y = 2 here.\n\n$$\nnever closed\n").outline
    #expect(outline.mathProblems.map { "\($0.line):\($0.column) \($0.message)" } == [
        "3:8 math opened with '$' is never closed on its line",
        "5:1 display math opened with '$$' is never closed",
    ])
}

@Test func masksKeepColumnsOfWhatFollowsAFormula() {
    let references = MarkdownDocument("$e^{i\\pi}$ then [a link](x.md)\n").outline.references
    #expect(references.first?.column == 17)
}
