import CourseModel
import Foundation
import Markdown
import Templating
import Utilities

/// Renders one course into its folder of the site. Paths in the result are relative to that folder.
struct CourseRenderer: Sendable {
    let course: Course
    let folder: URL
    let theme: Theme
    let options: SiteOptions
    let paths: SitePaths
    let strings: UIStrings
    /// Asset name → content-hashed output path (`assets/lectern.0123abcd.css`).
    let assetPaths: [String: String]
    /// Every lesson and quiz in course order, with its module: the sequence previous/next follow.
    let sequence: [(module: Module, item: Module.Item)]
    /// What every page repeats, computed once: the strings for templates and for scripts.
    let stringsValue: TemplateValue
    /// The course pages' UI strings as one shared, content-hashed script (`assets/strings.<hash>.js`), so
    /// each page does not carry the table (a third of a lesson page before).
    let stringsScript: Data
    /// Callout and solution titles in the course's language.
    let calloutTitles: CalloutTitles
    /// Changes whenever a page path or course file is added, removed or renamed (see `RenderCache`).
    let linkFingerprint: Int
    /// Each module's items as the sidebar lists them, none current: pages copy it and mark their own.
    private(set) var sidebarItems: [String: [TemplateValue]] = [:]

    init(course: Course, folder: URL, theme: Theme, options: SiteOptions) {
        self.course = course
        self.folder = folder
        self.theme = theme
        self.options = options
        paths = SitePaths(course)
        strings = theme.strings(for: course.language)
        var assetPaths = VendorAssets.shared.paths
        for (name, data) in theme.assets {
            assetPaths[name] = "assets/" + Self.hashedName(name, data: data)
        }
        stringsScript = Data("globalThis.LecternStrings = \(strings.courseJSON);\n".utf8)
        assetPaths["strings.js"] = "assets/" + Self.hashedName("strings.js", data: stringsScript)
        self.assetPaths = assetPaths
        sequence = course.modules.flatMap { module in module.items.map { (module, $0) } }
        stringsValue = strings.templateValue
        var titles: [String: String] = [:]
        for kind in ["note", "tip", "important", "warning", "caution", "solution"] {
            titles[kind] = strings.table["callout.\(kind)"] ?? CalloutTitles.english.titles[kind]
        }
        for key in ["task.done", "task.open"] { titles[key] = strings.table[key] ?? CalloutTitles.english.titles[key] }
        calloutTitles = CalloutTitles(titles)
        var hasher = Hasher()
        for (id, path) in paths.items.sorted(by: { $0.key < $1.key }) {
            hasher.combine(id)
            hasher.combine(path)
        }
        hasher.combine(course.mediaFiles)
        linkFingerprint = hasher.finalize()
        var items: [String: [TemplateValue]] = [:]
        for module in course.modules {
            items[module.id] = module.items.map { .object(itemValue($0)) }
        }
        sidebarItems = items
    }

    /// `lectern.css` → `lectern.0123456789abcdef.css`.
    static func hashedName(_ name: String, data: Data) -> String {
        let hash = ContentHash.hex(data)
        guard let dot = name.lastIndex(of: ".") else { return name + "." + hash }
        return name[..<dot] + "." + hash + name[dot...]
    }

    func build(progress: ProgressCounter) -> BuiltSite {
        var site = BuiltSite()
        // Packages carry the SCO runtime and none of the server's scripts; sites the reverse. Root pages'
        // scripts stay at the site root.
        let left = theme.rootOnlyAssets.union(theme.scormOriginAssets).union(options.standalone ? theme.serverOnlyAssets : theme.packageOnlyAssets)
        for (name, data) in theme.assets where !left.contains(name) {
            site.files[assetPaths[name]!] = .data(data)
        }
        site.files[assetPaths["strings.js"]!] = .data(stringsScript)
        for path in course.mediaFiles {
            site.files[SitePaths.media(path)] = .copy(folder.appendingPathComponent(path))
        }
        site.report.mediaFiles = course.mediaFiles.count

        let courseValue = self.courseValue()
        let fingerprint = options.cache == nil ? 0 : TemplateValue.object(courseValue).hashValue
        site.files[SitePaths.home] = .data(render("course", homeContext(courseValue), page: SitePaths.home, courseFingerprint: fingerprint))
        for module in course.modules {
            let page = paths.modules[module.id]!
            site.files[page] = .data(render("module", moduleContext(module, courseValue: courseValue), page: page, courseFingerprint: fingerprint))
        }

        // Lesson and quiz pages are independent: render them on every core.
        let pages = parallelMap(Array(sequence.indices)) { index -> (String, BuiltSite.Contents, SearchIndex.Entry, PageFeatures) in
            defer { progress.increment() }
            let (module, item) = sequence[index]
            let page = paths.items[item.id]!
            let (html, entry, features) = switch item {
            case .lesson(let lesson):
                renderLesson(lesson, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            case .quiz(let quiz):
                renderQuiz(quiz, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            case .assignment(let assignment):
                renderAssignment(assignment, index: index, module: module, courseValue: courseValue, fingerprint: fingerprint)
            }
            guard let sink = options.pageSink else { return (page, .data(html), entry, features) }
            sink.write(html, at: course.slug + "/" + page)
            return (page, .written, entry, features)
        }
        var index = SearchIndex()
        var used: PageFeatures = []
        for (page, contents, entry, features) in pages {
            site.files[page] = contents
            index.add(entry)
            used.formUnion(features)
        }
        // Highlighting and math libraries ship only with courses that use them.
        if used.contains(.code) { for (path, data) in VendorAssets.shared.highlightFiles { site.files[path] = .data(data) } }
        if used.contains(.math) { for (path, data) in VendorAssets.shared.katexFiles { site.files[path] = .data(data) } }
        let search = index.files(budget: options.searchShardBudget)
        for (path, data) in search.files { site.files[path] = .data(data) }
        site.warnings += search.warnings
        site.report.searchIndexBytes = search.totalBytes
        site.report.largestSearchShardBytes = search.largestBytes
        site.files[SitePaths.search] = .data(render("search", searchContext(courseValue, manifest: search.manifestJSON),
                                                    page: SitePaths.search, courseFingerprint: fingerprint))
        site.report.pages = 2 + course.modules.count + sequence.count
        if !strings.hasTable {
            site.warnings.append("no UI strings for language '\(course.language)' in theme '\(theme.name)'; using English")
        }
        return site
    }

    /// Renders a named template, or an explanation when the theme lacks it. With a cache, a page whose
    /// context is unchanged since the last build is taken from it; the course part of the context, the
    /// same on every page, is hashed once per build (`courseFingerprint`).
    func render(_ template: String, _ context: [String: TemplateValue], page: String, courseFingerprint: Int = 0) -> Data {
        var key = 0
        if let cache = options.cache {
            var hasher = Hasher()
            hasher.combine(template)
            hasher.combine(courseFingerprint)
            var pageOnly = context
            pageOnly["course"] = nil
            hasher.combine(pageOnly)
            key = hasher.finalize()
            if let data = cache.page(course.slug + "/" + page, key: key) { return data }
        }
        let data = Data((theme.templates.render(template, .object(context)) ?? "<!-- missing template \(template) -->").utf8)
        options.cache?.storePage(data, path: course.slug + "/" + page, key: key)
        return data
    }
}
