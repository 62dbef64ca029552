import Testing
import Markdown

@Test func headingsGetIDsAndTableOfContentsHoldsLevelsTwoAndThree() {
    let rendered = MarkdownDocument("# Title\n\n## First\n\n### Detail\n\n#### Deep\n").renderHTML()
    #expect(rendered.html.contains("<h1 id=\"title\">Title</h1>"))
    #expect(rendered.html.contains("<h2 id=\"first\">First</h2>"))
    #expect(rendered.html.contains("<h4 id=\"deep\">Deep</h4>"))
    #expect(rendered.tableOfContents.map(\.anchor) == ["first", "detail"])
}

@Test func headingMarkupInsideCodeIsNotTouched() {
    let rendered = MarkdownDocument("```html\n<h2>not a heading</h2>\n```\n\n## Real\n").renderHTML()
    #expect(rendered.html.contains("&lt;h2&gt;not a heading&lt;/h2&gt;"))
    #expect(rendered.html.contains("<h2 id=\"real\">Real</h2>"))
}

@Test func gfmExtensionsRender() {
    let source = "| a | b |\n|:-:|---|\n| 1 | 2 |\n\n~~gone~~ www.example.org\n\n- [x] done\n- [ ] todo\n"
    let html = MarkdownDocument(source).renderHTML().html
    #expect(html.contains("<table>"))
    #expect(html.contains("style=\"text-align: center\""))
    #expect(!html.contains("align=\""))
    #expect(html.contains("<del>gone</del>"))
    #expect(html.contains("<a href=\"http://www.example.org\">"))
    #expect(html.contains("type=\"checkbox\""))
    // A form field needs an accessible name (axe-core "label"): each task box says its state.
    #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done"))
    #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> todo"))
    let spanish = MarkdownDocument("- [x] hecho\n").renderHTML(titles: CalloutTitles(["task.done": "Hecho \"ya\""])).html
    #expect(spanish.contains("aria-label=\"Hecho &quot;ya&quot;\""))
}

@Test func rawHTMLIsNotRendered() {
    let html = MarkdownDocument("<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n").renderHTML().html
    #expect(!html.contains("<script"))
    #expect(!html.contains("onclick"))
}

@Test func rewriteHookChangesLinkAndImageDestinations() {
    let source = "[next](02-next.md#a) ![Cat](img/cat.png) [web](https://example.org)\n"
    let html = MarkdownDocument(source).renderHTML { reference in
        switch reference.kind {
        case .link where reference.destination.hasPrefix("02-next.md"): return "next.html#a"
        case .image: return "media/" + reference.destination
        default: return nil
        }
    }.html
    #expect(html.contains("href=\"next.html#a\""))
    #expect(html.contains("src=\"media/img/cat.png\" alt=\"Cat\""))
    #expect(html.contains("href=\"https://example.org\""))
}
