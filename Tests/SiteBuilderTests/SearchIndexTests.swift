import Foundation
import LecternTesting
import SiteBuilder
import Testing

/// The postings of a term, read from the shard file that holds it.
func postings(of term: String, in site: BuiltSite, course: String) throws -> [Int]? {
    let hex = Array(term.unicodeScalars.prefix(2)).map { String($0) }.joined().utf8.map { String(format: "%02x", $0) }.joined()
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
    #expect(page.contains("\"docChunk\":200,\"docCount\":2"))
}
