import Foundation
import LecternTesting
@testable import SiteBuilder
import Testing

/// The postings of a term, read from the shard file that holds it.
func postings(of term: String, in site: BuiltSite, course: String) throws -> [Int]? {
    // The search page's manifest says how many characters name a shard.
    let page = try #require(site.text("\(course)/search.html"))
    let prefix = try #require(page.firstMatch(of: /"termPrefix":([0-9]+)/).flatMap { Int($0.1) })
    let hex = Array(term.unicodeScalars.prefix(prefix)).map { String($0) }.joined().utf8.map { String(format: "%02x", $0) }.joined()
    guard let shard = site.text("\(course)/search/t-\(hex).js") else { return nil }
    let json = shard.drop { $0 != "{" }.dropLast(3)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Int]]
    return object?[term]
}

@Test func searchIndexIsShardedAndFindsAccentFoldedWords() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Search\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# Jardín\n\nRegar las plantas cada mañana.\n",
        "01-a/02-y.md": "# Riego\n\n## Mañana\n\nEl agua del jardin.\n",
    ])
    let site = try buildSite(course.url)
    // "jardin": title (10) + heading (3) + body text (1) of doc 0; body of doc 1 (1).
    #expect(try postings(of: "jardin", in: site, course: "course") == [0, 14, 1, 1])
    // "manana": body of doc 0; heading (3) + body text (1) of doc 1.
    #expect(try postings(of: "manana", in: site, course: "course") == [0, 1, 1, 4])
    let docs = try #require(site.text("course/search/d-0.js"))
    #expect(docs.hasPrefix("LecternSearch.docs(0,[[\"Jardín\",\"a/x.html\""))
    let page = try #require(site.text("course/search.html"))
    #expect(page.contains("\"docChunk\":200,\"docCount\":2,\"passageChunk\":8,\"termPrefix\":1"))
}

/// The quoted text of pages is written eight pages to a file, in page order, `[]` for a page without text.
@Test func passagesAreWrittenEightPagesToAFileInPageOrder() throws {
    var files = ["course.yaml": "title: Chunks\ncompletion: {require: lessons}\n"]
    for lesson in 1...9 { files["01-a/0\(lesson)-l\(lesson).md"] = "# Lesson \(lesson)\n\nText of lesson \(lesson).\n\n## Part\n\nMore \(lesson).\n" }
    files["01-a/10-check.quiz.yaml"] = "title: Check\nquestions:\n  - type: true_false\n    prompt: Yes?\n    answer: true\n"
    files["01-a/11-last.md"] = "# Last\n\nThe end.\n"
    let course = try TemporaryCourse(files)
    let site = try buildSite(course.url)
    func documents(_ chunk: Int) throws -> [[[String]]] {
        let script = try #require(site.text("course/search/p-\(chunk).js"))
        let prefix = "LecternSearch.passages(\(chunk),"
        #expect(script.hasPrefix(prefix) && script.hasSuffix(");\n"))
        let json = script.dropFirst(prefix.count).dropLast(3)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[[String]]])
    }
    let first = try documents(0), second = try documents(1)
    #expect(first.count == 8 && second.count == 3)
    #expect(first[0] == [["lesson-1", "Lesson 1", "Text of lesson 1."], ["part", "Part", "More 1."]])
    #expect(second[0][0][2] == "Text of lesson 9.")
    #expect(second[1] == [], "the quiz has no passages")
    #expect(second[2] == [["last", "Last", "The end."]])
    #expect(site.text("course/search/p-2.js") == nil)
}

/// Courses of up to 1,000 pages shard terms by their first character (a few dozen files), larger ones by two.
@Test(arguments: [(1_000, 1), (1_001, 2)]) func termShardsAreNamedByOneCharacterUpToAThousandPages(pages: Int, prefix: Int) {
    var index = SearchIndex()
    for page in 0..<pages {
        index.add(SearchIndex.Entry(title: "Page \(page)", href: "m/p\(page).html", moduleTitle: "M", summary: "",
                                    weights: ["apple": 1, "avocado": 2, "banana": 1, "éclair": 1]))
    }
    let output = index.files(budget: 1 << 30)
    let shards = output.files.map(\.0).filter { $0.hasPrefix("search/t-") }.sorted()
    let expected = prefix == 1 ? ["search/t-61.js", "search/t-62.js", "search/t-c3a9.js"]
                               : ["search/t-6170.js", "search/t-6176.js", "search/t-6261.js", "search/t-c3a963.js"]
    #expect(shards == expected)
    #expect(output.manifestJSON.contains("\"termPrefix\":\(prefix)"))
}
