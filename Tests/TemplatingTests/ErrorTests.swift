// Parse errors: the exact message, line and column (starting at 1, counted in Characters).

import Templating
import Testing

private func parseError(_ source: String) -> TemplateError? {
    do {
        _ = try Template(source)
        return nil
    } catch {
        return error
    }
}

@Test func unclosedSectionIsReportedAtItsOpeningTag() {
    let error = parseError("<ul>\n{{#items}}\n  <li>{{name}}</li>\n")
    #expect(error == TemplateError(line: 2, column: 1, message: "unclosed section 'items'"))
}

@Test func unclosedTagIsReportedAtItsOpeningDelimiter() {
    let error = parseError("<h1>{{title}}</h1>\n<p>Hello {{name</p>\n")
    #expect(error == TemplateError(line: 2, column: 10, message: "unclosed tag, expected '}}'"))
}

@Test func unclosedTripleMustacheExpectsThreeBraces() {
    let error = parseError("{{{html}}")
    #expect(error == TemplateError(line: 1, column: 1, message: "unclosed tag, expected '}}}'"))
}

@Test func mismatchedClosingTagIsReportedAtTheClosingTag() {
    let error = parseError("{{#a}}\n  {{#b}}x{{/a}}\n{{/b}}")
    #expect(error == TemplateError(line: 2, column: 10, message: "mismatched closing tag 'a', expected 'b'"))
}

@Test func unexpectedClosingTag() {
    let error = parseError("text {{/lessons}}")
    #expect(error == TemplateError(line: 1, column: 6, message: "unexpected closing tag 'lessons'"))
}

@Test func columnCountsCharactersOnNonASCIILine() {
    // "Übersicht – 👩‍🏫 " is 14 Characters but 27 UTF-8 bytes; the emoji is one Character of 4 scalars.
    let error = parseError("<h1>Kurs</h1>\nÜbersicht – 👩‍🏫 {{#lessons}}\n")
    #expect(error == TemplateError(line: 2, column: 15, message: "unclosed section 'lessons'"))
}

@Test func unclosedParentAndBlockNameTheirKind() {
    #expect(parseError("{{<layout}}{{$title}}x{{/title}}")?.message == "unclosed parent 'layout'")
    #expect(parseError("{{$title}}x")?.message == "unclosed block 'title'")
}

@Test func invalidTagNames() {
    #expect(parseError("a {{}} b") == TemplateError(line: 1, column: 3, message: "empty tag name"))
    #expect(parseError("{{#first name}}{{/first name}}")?.message == "invalid tag name 'first name'")
    #expect(parseError("{{=<%%>=}}")?.message == "invalid delimiters '<%%>', expected two separated by a space")
}

@Test func positionsFollowCustomDelimiters() {
    let error = parseError("{{=<% %>=}}\n<%#a%>\n<%/b%>")
    #expect(error == TemplateError(line: 3, column: 1, message: "mismatched closing tag 'b', expected 'a'"))
}

@Test func libraryErrorNamesTheTemplate() {
    do {
        _ = try TemplateLibrary(sources: ["layout": "<main>{{$content}}{{/content}}</main>", "page": "\n {{/x}}"])
        Issue.record("expected an error")
    } catch {
        #expect(error.templateName == "page")
        #expect(error.description == "page:2:2: error: unexpected closing tag 'x'")
    }
}
