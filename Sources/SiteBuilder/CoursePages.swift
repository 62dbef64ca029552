import CourseModel
import Foundation
import Markdown
import Templating

/// One course's item pages and search index, kept between builds and re-rendered an item at a time:
/// what `lectern preview` does after an edit that leaves the course's outline alone (see
/// `CourseOutline`). Every file it returns equals what `SiteBuilder.build` writes for the same course.
///
/// Not Sendable: the preview's watcher thread owns it.
public final class CoursePages {
    public let slug: String
    private let renderer: CourseRenderer
    private let courseValue: [String: TemplateValue]
    private let fingerprint: Int
    /// Position in the course sequence by item id: the search document number and previous/next.
    private let positions: [String: Int]
    private var entries: [SearchIndex.Entry] = []
    private var features: [PageFeatures] = []
    /// term → (document, weight) sorted by document, as `SearchIndex` holds them.
    private var postings: [String: [(Int, Int)]] = [:]
    /// Encoded `"term":[…]` entries, made when a shard holding the term is first written.
    private var encodedTerms: [String: String] = [:]
    private var shardTerms: [String: Set<String>] = [:]
    private let termPrefix: Int
    private var manifest: String

    /// Describes every item of `source` (search entries from the render cache, which a build with the
    /// same `options.cache` has just filled) without rendering its pages again.
    /// - Throws: `ThemeError` when the course's theme cannot be loaded.
    public init(_ source: CourseSource, options: SiteOptions) throws(ThemeError) {
        let theme = try Theme.load(options.theme ?? source.course.theme ?? "default",
                                   courseOverrides: source.folder.appendingPathComponent("theme"))
        renderer = CourseRenderer(course: source.course, folder: source.folder, theme: theme, options: options)
        slug = source.course.slug
        courseValue = renderer.courseValue()
        fingerprint = options.cache == nil ? 0 : TemplateValue.object(courseValue).hashValue
        var positions: [String: Int] = [:]
        for (index, (module, item)) in renderer.sequence.enumerated() {
            positions[item.id] = index
            let (entry, features) = Self.describe(item, index: index, module: module, renderer: renderer, courseValue: courseValue,
                                                  fingerprint: fingerprint)
            entries.append(entry)
            self.features.append(features)
            for (term, weight) in entry.weights { postings[term, default: []].append((index, weight)) }
        }
        self.positions = positions
        // An edit never changes the number of pages (that changes the outline), so neither does the prefix.
        termPrefix = SearchIndex.termPrefix(documentCount: entries.count)
        for term in postings.keys { shardTerms[SearchIndex.shard(of: term, prefix: termPrefix), default: []].insert(term) }
        manifest = SearchIndex.manifestJSON(documentCount: entries.count, shards: shardTerms.keys.sorted())
    }

    /// Renders the pages of changed lessons and quizzes of `course` (whose outline equals the one these
    /// pages were made from) and the search files they change.
    /// - Returns: course-relative path → new contents (nil: the file goes away); nil when the change reaches
    ///   further than these files (a first code block or formula adds libraries to the site): build it all.
    public func update(_ items: [Module.Item], in course: Course) -> [String: Data?]? {
        var rendered: [(index: Int, page: String, data: Data, entry: SearchIndex.Entry, features: PageFeatures)] = []
        var newFeatures = features
        for item in items {
            guard let index = positions[item.id],
                  let module = course.modules.first(where: { $0.items.contains { $0.id == item.id } }) else { return nil }
            let page = renderer.paths.items[item.id]!
            let (data, entry, itemFeatures) = switch item {
            case .lesson(let lesson):
                renderer.renderLesson(lesson, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            case .quiz(let quiz):
                renderer.renderQuiz(quiz, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            case .assignment(let assignment):
                renderer.renderAssignment(assignment, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            }
            newFeatures[index] = itemFeatures
            rendered.append((index, page, data, entry, itemFeatures))
        }
        guard union(newFeatures) == union(features) else { return nil }
        features = newFeatures

        var files: [String: Data?] = [:]
        var touchedTerms: Set<String> = [], touchedChunks: Set<Int> = [], touchedPassages: Set<Int> = []
        for item in rendered {
            files[item.page] = item.data
            let old = entries[item.index]
            entries[item.index] = item.entry
            for (term, weight) in old.weights where item.entry.weights[term] != weight {
                postings[term]?.removeAll { $0.0 == item.index }
                touchedTerms.insert(term)
            }
            for (term, weight) in item.entry.weights where old.weights[term] != weight {
                var list = postings[term] ?? []
                let at = list.firstIndex { $0.0 > item.index } ?? list.count
                list.insert((item.index, weight), at: at)
                postings[term] = list
                touchedTerms.insert(term)
            }
            if (old.title, old.href, old.moduleTitle, old.summary) != (item.entry.title, item.entry.href, item.entry.moduleTitle, item.entry.summary) {
                touchedChunks.insert(item.index / SearchIndex.documentChunk)
            }
            if old.passages != item.entry.passages { touchedPassages.insert(item.index / SearchIndex.passageChunk) }
        }
        var touchedShards: Set<String> = []
        for term in touchedTerms {
            let shard = SearchIndex.shard(of: term, prefix: termPrefix)
            touchedShards.insert(shard)
            if postings[term]?.isEmpty ?? true {
                postings[term] = nil
                encodedTerms[term] = nil
                shardTerms[shard]?.remove(term)
                if shardTerms[shard]?.isEmpty == true { shardTerms[shard] = nil }
            } else {
                shardTerms[shard, default: []].insert(term)
                encodedTerms[term] = SearchIndex.termEntry(term, postings[term]!)
            }
        }
        for shard in touchedShards {
            guard let terms = shardTerms[shard] else {
                files["search/t-\(shard).js"] = Data?.none
                continue
            }
            let entries = terms.sorted().map { term in
                if let encoded = encodedTerms[term] { return encoded }
                let encoded = SearchIndex.termEntry(term, postings[term]!)
                encodedTerms[term] = encoded
                return encoded
            }
            let (path, data) = SearchIndex.termsFile(shard, entries: entries)
            files[path] = data
        }
        for chunk in touchedChunks {
            let start = chunk * SearchIndex.documentChunk
            let (path, data) = SearchIndex.documentsFile(chunk, entries[start..<min(start + SearchIndex.documentChunk, entries.count)])
            files[path] = data
        }
        for chunk in touchedPassages {
            let start = chunk * SearchIndex.passageChunk
            let documents = entries[start..<min(start + SearchIndex.passageChunk, entries.count)]
            let data: Data? = SearchIndex.passagesFile(chunk, documents)?.1  // nil: the file goes
            files["search/p-\(chunk).js"] = data
        }
        let newManifest = SearchIndex.manifestJSON(documentCount: entries.count, shards: shardTerms.keys.sorted())
        if newManifest != manifest {
            manifest = newManifest
            files[SitePaths.search] = renderer.render("search", renderer.searchContext(courseValue, manifest: manifest),
                                                      page: SitePaths.search, courseFingerprint: fingerprint)
        }
        return files
    }

    /// An item's search entry and features as its page's render makes them: lessons from the render
    /// cache, quizzes (few, and cheap) by rendering them.
    private static func describe(_ item: Module.Item, index: Int, module: Module, renderer: CourseRenderer,
                                 courseValue: [String: TemplateValue], fingerprint: Int) -> (SearchIndex.Entry, PageFeatures) {
        switch item {
        case .lesson(let lesson):
            let rendered = renderer.renderedBody(lesson, page: renderer.paths.items[lesson.id]!, module: module)
            let entry = SearchIndex.Entry(title: lesson.title, href: renderer.paths.items[lesson.id]!, moduleTitle: module.title,
                                          summary: lesson.summary ?? "", weights: rendered.searchWeights, passages: rendered.passages)
            return (entry, PageFeatures([(rendered.hasCode, rendered.hasMath)]))
        case .quiz(let quiz):
            let (_, entry, features) = renderer.renderQuiz(quiz, index: index, module: module, courseValue: courseValue,
                                                           fingerprint: fingerprint)
            return (entry, features)
        case .assignment(let assignment):
            let (_, entry, features) = renderer.renderAssignment(assignment, index: index, module: module, courseValue: courseValue,
                                                                 fingerprint: fingerprint)
            return (entry, features)
        }
    }

    private func union(_ all: [PageFeatures]) -> PageFeatures {
        all.reduce(into: PageFeatures()) { $0.formUnion($1) }
    }
}
