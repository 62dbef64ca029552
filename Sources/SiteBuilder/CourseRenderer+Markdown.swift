import CourseModel
import Markdown
import Utilities

extension CourseRenderer {
    /// Renders Markdown written in the course file `file` for the page `page`: links to lessons become
    /// links to their pages, media paths point into `media/`, both relative to the page.
    func render(_ markdown: String, writtenIn file: String, shownAt page: String) -> RenderedMarkdown {
        MarkdownDocument(markdown).renderHTML(titles: calloutTitles) { rewrite($0.destination, writtenIn: file, shownAt: page) }
    }

    func html(_ markdown: String, writtenIn file: String, shownAt page: String) -> String {
        render(markdown, writtenIn: file, shownAt: page).html
    }

    /// Markdown for places that take phrasing content only (choice labels): the paragraph wrapper removed.
    func inlineHTML(_ markdown: String, writtenIn file: String, shownAt page: String) -> String {
        var text = html(markdown, writtenIn: file, shownAt: page)
        while text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("<p>") && text.hasSuffix("</p>") && !text.dropFirst(3).containsBytes("<p>") {
            text = String(text.dropFirst(3).dropLast(4))
        }
        return text
    }
}
