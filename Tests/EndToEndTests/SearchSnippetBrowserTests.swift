// Search results quote where the words are, marked, and link to the heading they are under (from disk).
import Foundation
import LecternTesting
import Testing

@Test(.enabled(if: Browser.isAvailable)) func searchResultsQuoteTheMatchAndJumpToItsHeading() throws {
    let filler = String(repeating: "Nothing to see in this sentence. ", count: 12)
    let course = try TemporaryCourse([
        "course.yaml": "title: Snippets\nlanguage: es\ncompletion: {require: lessons}\n",
        "01-m/01-first.md": "# First\n\nIntroduction. \(filler)\n\n## Les élèves et la récursivité\n\n\(filler) Chaque élève apprend la **récursivité** pas à pas.\n",
        "01-m/02-second.md": "# Second\n\nNo match here.\n",
    ])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    let built = try runLectern("build", course.url.path, "--out", out.path)
    #expect(built.exitCode == 0, "\(built.stderr)")
    let browser = try Browser()
    // Typed without accents and in capitals: found, and quoted as written.
    try browser.open(URL(string: out.appendingPathComponent("course/search.html").absoluteString + "?q=ELEVE%20recursiv")!)
    try browser.wait(until: "document.querySelector('.search-result-snippet') !== null")
    let marks = try browser.execute("return Array.from(document.querySelectorAll('.search-result-snippet mark')).map((m) => m.textContent)") as? [String]
    #expect(marks == ["élève", "récursivité"])
    let quote = try browser.text(".search-result-snippet")
    #expect(quote.hasPrefix("Les élèves et la récursivité — …"), "\(quote)")
    #expect(quote.hasSuffix("pas à pas."), "\(quote)")
    #expect(quote.count < 260, "\(quote)")
    let count = try browser.execute("return document.querySelectorAll('.search-result').length") as? Int
    #expect(count == 1)

    // The link leads to the heading the quote is under, which the lesson page has.
    let href = try browser.execute("return document.querySelector('.search-result-title a').getAttribute('href')") as? String ?? ""
    #expect(href.hasSuffix("m/first.html#les-eleves-et-la-recursivite"), "\(href)")
    try browser.click(".search-result-title a")
    try browser.wait(until: "document.body.dataset.page === 'lesson'")
    let heading = try browser.execute("return document.getElementById(decodeURIComponent(location.hash.slice(1))).textContent") as? String
    #expect(heading == "Les élèves et la récursivité")
}

/// Pages' text is loaded eight pages to a file: a result past the first file is quoted from its own text.
@Test(.enabled(if: Browser.isAvailable)) func aResultInALaterPassageFileIsQuotedFromItsOwnPage() throws {
    var files = ["course.yaml": "title: Many\ncompletion: {require: lessons}\n"]
    for lesson in 1...10 { files["01-m/\(String(format: "%02d", lesson))-l\(lesson).md"] = "# Lesson \(lesson)\n\nPlain words number \(lesson).\n" }
    files["01-m/11-target.md"] = "# Target\n\nPlain words.\n\n## Where it is\n\nThe walrus sleeps here.\n"
    let course = try TemporaryCourse(files)
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    let built = try runLectern("build", course.url.path, "--out", out.path)
    #expect(built.exitCode == 0, "\(built.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("course/search/p-1.js").path))
    let browser = try Browser()
    try browser.open(URL(string: out.appendingPathComponent("course/search.html").absoluteString + "?q=walrus")!)
    try browser.wait(until: "document.querySelector('.search-result-snippet') !== null")
    #expect(try browser.text(".search-result-snippet") == "Where it is — The walrus sleeps here.")
    let href = try browser.execute("return document.querySelector('.search-result-title a').getAttribute('href')") as? String ?? ""
    #expect(href.hasSuffix("m/target.html#where-it-is"), "\(href)")
}
