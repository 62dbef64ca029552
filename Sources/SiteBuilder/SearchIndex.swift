import Foundation
import Markdown

/// A course's full-text search index, written as small script files a search page loads on demand
/// (`<script src>` works from `file://`, where `fetch` does not). Terms are sharded by their first two
/// characters and documents by chunks, so a query loads a few small files, never the whole index.
struct SearchIndex {
    /// One searchable page.
    struct Entry: Sendable {
        var title: String
        /// Page path relative to the course folder.
        var href: String
        var moduleTitle: String
        var summary: String
        /// Term → weight, from `weights(title:headings:summary:body:)`.
        var weights: [String: Int]
        /// The page's text by heading: written to `p-<chunk>.js` with those of its neighbours, which the
        /// search page loads only for the results it shows, to quote where each matched and link to that heading.
        var passages: [TextSection] = []
    }

    /// Characters of a page's text kept for snippets; a longer page is searched in full but quoted from here.
    static let passageBudget = 24_000

    /// Documents per `d-<n>.js` file.
    static let documentChunk = 200
    /// Documents whose passages share one `p-<n>.js` file: a file per page made a course's search folder
    /// its largest file count, and creating files is most of what writing a site costs; 8 pages of text
    /// (tens of KB) is still little to load for a result.
    static let passageChunk = 8
    /// Weight of a word in a title, a heading and the body: a title match ranks first.
    static let weights = (title: 10, heading: 3, body: 1)

    private var documents: [Entry] = []
    /// term → [(document, weight)], documents in increasing order.
    private var postings: [String: [(Int, Int)]] = [:]

    mutating func add(_ entry: Entry) {
        let document = documents.count
        documents.append(entry)
        for (term, weight) in entry.weights { postings[term, default: []].append((document, weight)) }
    }

    /// How strongly a page is about each of its words: computed per page, in parallel, before `add`.
    static func weights(title: String, headings: [String], summary: String, body: String) -> [String: Int] {
        var weights: [String: Int] = [:]
        for token in tokens(title) { weights[token, default: 0] += Self.weights.title }
        for heading in headings { for token in tokens(heading) { weights[token, default: 0] += Self.weights.heading } }
        for token in tokens(summary) { weights[token, default: 0] += Self.weights.heading }
        for token in tokens(body) { weights[token, default: 0] += Self.weights.body }
        return weights.mapValues { min($0, 99) }
    }

    /// Words as the search script splits them: accents removed (NFD, marks dropped), lowercased, split on
    /// anything that is not a letter or digit, at least two characters.
    static func tokens(_ text: String) -> [String] {
        // ASCII needs no decomposition and no Unicode tables: its letters and digits are a-z, A-Z and 0-9.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTokens(text) }
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count >= 2 { tokens.append(String(current).lowercased()) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                flush()
            }
        }
        flush()
        return tokens
    }

    private static func asciiTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [UInt8] = []
        func flush() {
            if current.count >= 2 { tokens.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            default: flush()
            }
        }
        flush()
        return tokens
    }

    /// Characters of a term that name its shard: one for a course of up to 1,000 pages (a few dozen files
    /// of tens of KB), two for larger ones (hundreds of files, each still small). Creating files is most of
    /// what writing a site costs, and a catalog of small courses wrote a hundred and fifty shards each.
    static func termPrefix(documentCount: Int) -> Int {
        documentCount <= 1_000 ? 1 : 2
    }

    /// The shard a term belongs to: hex of the UTF-8 bytes of its first `prefix` characters.
    static func shard(of term: String, prefix: Int) -> String {
        let characters = String(String.UnicodeScalarView(term.unicodeScalars.prefix(prefix)))
        return characters.utf8.map { String(format: "%02x", $0) }.joined()
    }

    struct Output {
        var files: [(String, Data)] = []
        var manifestJSON = ""
        var totalBytes = 0
        var largestBytes = 0
        var warnings: [String] = []
    }

    /// The index files (`search/t-<hex>.js`, `search/d-<n>.js`) and the manifest the search page embeds.
    func files(budget: Int) -> Output {
        var output = Output()
        var shards: [String: [String]] = [:]
        let prefix = Self.termPrefix(documentCount: documents.count)
        for term in postings.keys.sorted() {
            // Documents were added in order, so each list is already sorted by document.
            shards[Self.shard(of: term, prefix: prefix), default: []].append(Self.termEntry(term, postings[term]!))
        }
        for (shard, entries) in shards.sorted(by: { $0.key < $1.key }) {
            output.files.append(Self.termsFile(shard, entries: entries))
        }
        for start in stride(from: 0, to: documents.count, by: Self.documentChunk) {
            output.files.append(Self.documentsFile(start / Self.documentChunk, documents[start..<min(start + Self.documentChunk, documents.count)]))
        }
        for start in stride(from: 0, to: documents.count, by: Self.passageChunk) {
            if let file = Self.passagesFile(start / Self.passageChunk, documents[start..<min(start + Self.passageChunk, documents.count)]) {
                output.files.append(file)
            }
        }
        output.manifestJSON = Self.manifestJSON(documentCount: documents.count, shards: shards.keys.sorted())
        output.totalBytes = output.files.reduce(0) { $0 + $1.1.count }
        if let largest = output.files.max(by: { $0.1.count < $1.1.count }) {
            output.largestBytes = largest.1.count
            if largest.1.count > budget {
                output.warnings.append("search index file \(largest.0) is \(largest.1.count / 1024) KiB, over the \(budget / 1024) KiB budget")
            }
        }
        return output
    }

    // One file of the index each, shared by `files(budget:)` and the preview's incremental index (`CoursePages`).

    /// `"term":[document,weight,…]`, one entry of a terms file.
    static func termEntry(_ term: String, _ postings: [(Int, Int)]) -> String {
        "\(ScriptJSON.encode(term)):[\(postings.flatMap { [$0.0, $0.1] }.map(String.init).joined(separator: ","))]"
    }

    static func termsFile(_ shard: String, entries: [String]) -> (String, Data) {
        ("search/t-\(shard).js", Data("LecternSearch.terms(\"\(shard)\",{\(entries.joined(separator: ","))});\n".utf8))
    }

    static func documentsFile(_ chunk: Int, _ documents: ArraySlice<Entry>) -> (String, Data) {
        let rows = documents.map { [$0.title, $0.href, $0.moduleTitle, String($0.summary.prefix(200))] }
        return ("search/d-\(chunk).js", Data("LecternSearch.docs(\(chunk),\(ScriptJSON.encode(rows)));\n".utf8))
    }

    /// The passages of a chunk of documents, `[]` for a page without text; nil when none has any (quizzes).
    static func passagesFile(_ chunk: Int, _ documents: ArraySlice<Entry>) -> (String, Data)? {
        guard documents.contains(where: { !$0.passages.isEmpty }) else { return nil }
        let rows = documents.map { document in
            var left = Self.passageBudget
            var rows: [[String]] = []
            for passage in document.passages where left > 0 {
                let text = String(passage.text.prefix(left))
                left -= text.count
                rows.append([passage.anchor ?? "", passage.heading, text])
            }
            return rows
        }
        return ("search/p-\(chunk).js", Data("LecternSearch.passages(\(chunk),\(ScriptJSON.encode(rows)));\n".utf8))
    }

    static func manifestJSON(documentCount: Int, shards: [String]) -> String {
        struct Manifest: Encodable { var docChunk: Int, passageChunk: Int, docCount: Int, termPrefix: Int, terms: [String], base: String }
        return ScriptJSON.encode(Manifest(docChunk: documentChunk, passageChunk: passageChunk, docCount: documentCount,
                                          termPrefix: termPrefix(documentCount: documentCount), terms: shards, base: "search/"))
    }
}
