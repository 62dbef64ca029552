// Learners' posts (lesson discussions) rendered for other people's pages: the safe subset.
import Foundation
import Markdown
import Testing

@Test func postsLoseRawHTMLScriptLinksAndImagesButKeepTheirMarkdown() {
    let html = MarkdownDocument("""
        # Question
        **Bold** <script>alert(1)</script> <iframe src="https://evil.example"></iframe>
        [a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html,<b>x</b>) [e](https://example.org)
        ![the *alt* text](https://tracker.example/pixel.png) <https://auto.example>

        <div onclick="alert(1)">raw block</div>
        """).renderPostHTML()
    #expect(html.contains("<h1>Question</h1>") && html.contains("<strong>Bold</strong>"), "\(html)")
    for inert in ["<script", "<iframe", "<img", "<div", "onclick", "javascript:", "JAVASCRIPT:", "vbscript:", "data:text", "tracker.example"] {
        #expect(!html.contains(inert), "\(inert) in \(html)")
    }
    #expect(html.contains("the alt text"), "\(html)")
    #expect(html.contains("<a rel=\"nofollow noopener\" href=\"https://example.org\">e</a>"), "\(html)")
    #expect(html.contains("<a rel=\"nofollow noopener\" href=\"https://auto.example\">"), "\(html)")
    // Text that looks like a tag is escaped, never passed through.
    #expect(MarkdownDocument("`<a href=\"x\">` and 1 < 2").renderPostHTML() == "<p><code>&lt;a href=&quot;x&quot;&gt;</code> and 1 &lt; 2</p>\n")
}

/// Render-on-read costs: a typical post (a few sentences with some Markdown) rendered many times.
@Test func renderingAPostOnReadIsCheap() {
    let post = String(repeating: "Why does **this** loop stop at `9`? See [the docs](https://docs.python.org).\n\n- one\n- two\n\n", count: 4)
    let start = Date()
    for _ in 0..<1000 { _ = MarkdownDocument(post).renderPostHTML() }
    let perPost = Date().timeIntervalSince(start) / 1000
    #expect(perPost < 0.002, "\(perPost * 1_000_000) µs a post")
    print("renderPostHTML: \(Int(perPost * 1_000_000)) µs a post of \(post.utf8.count) bytes")
}
