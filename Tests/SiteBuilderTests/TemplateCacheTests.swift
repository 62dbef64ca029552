// A theme's templates are parsed once however often the theme is loaded; edited templates are parsed anew.
@testable import SiteBuilder
import Templating
import Testing

@Test func templatesAreParsedOncePerSetOfSources() throws {
    var parses = 0
    let count = { (sources: [String: String]) throws(TemplateError) -> TemplateLibrary in
        parses += 1
        return try TemplateLibrary(sources: sources)
    }
    let sources = ["page": "<p>{{title}} \(#function)</p>"]
    let first = try TemplateCache.library(sources, parse: count)
    let second = try TemplateCache.library(sources, parse: count)
    #expect(parses == 1)
    #expect(first.render("page", .object(["title": .string("A")])) == second.render("page", .object(["title": .string("A")])))
    _ = try TemplateCache.library(["page": "<p>{{title}} edited \(#function)</p>"], parse: count)
    #expect(parses == 2)
}

@Test func loadingAThemeTwiceGivesTheSameTemplates() throws {
    let first = try Theme.load("default"), second = try Theme.load("default")
    #expect(first.templates.render("page", .object([:])) == second.templates.render("page", .object([:])))
}
