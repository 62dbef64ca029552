import CourseModel
import Foundation
import Markdown
import Templating

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
    let stringsJSON: String

    init(course: Course, folder: URL, theme: Theme, options: SiteOptions) {
        self.course = course
        self.folder = folder
        self.theme = theme
        self.options = options
        paths = SitePaths(course)
        strings = theme.strings(for: course.language)
        var assetPaths: [String: String] = [:]
        for (name, data) in theme.assets {
            assetPaths[name] = "assets/" + Self.hashedName(name, data: data)
        }
        self.assetPaths = assetPaths
        sequence = course.modules.flatMap { module in module.items.map { (module, $0) } }
        stringsValue = strings.templateValue
        stringsJSON = strings.json
    }

    /// `lectern.css` → `lectern.0123456789abcdef.css`.
    static func hashedName(_ name: String, data: Data) -> String {
        let hash = ContentHash.hex(data)
        guard let dot = name.lastIndex(of: ".") else { return name + "." + hash }
        return name[..<dot] + "." + hash + name[dot...]
    }

    func build(progress: ProgressCounter) -> BuiltSite {
        var site = BuiltSite()
        for (name, data) in theme.assets { site.files[assetPaths[name]!] = .data(data) }
        for path in course.mediaFiles {
            site.files[SitePaths.media(path)] = .copy(folder.appendingPathComponent(path))
        }
        site.report.mediaFiles = course.mediaFiles.count

        let courseValue = self.courseValue()
        site.files[SitePaths.home] = .data(render("course", homeContext(courseValue)))
        for module in course.modules {
            site.files[paths.modules[module.id]!] = .data(render("module", moduleContext(module, courseValue: courseValue)))
        }

        // Lesson and quiz pages are independent: render them on every core.
        let pages = parallelMap(Array(sequence.indices)) { index -> (String, Data, SearchIndex.Entry) in
            defer { progress.increment() }
            let (module, item) = sequence[index]
            let page = paths.items[item.id]!
            switch item {
            case .lesson(let lesson):
                let (html, entry) = renderLesson(lesson, index: index, module: module, courseValue: courseValue)
                return (page, html, entry)
            case .quiz(let quiz):
                let (html, entry) = renderQuiz(quiz, index: index, module: module, courseValue: courseValue)
                return (page, html, entry)
            }
        }
        var index = SearchIndex()
        for (page, html, entry) in pages {
            site.files[page] = .data(html)
            index.add(entry)
        }
        let search = index.files(budget: options.searchShardBudget)
        for (path, data) in search.files { site.files[path] = .data(data) }
        site.warnings += search.warnings
        site.report.searchIndexBytes = search.totalBytes
        site.report.largestSearchShardBytes = search.largestBytes
        site.files[SitePaths.search] = .data(render("search", searchContext(courseValue, manifest: search.manifestJSON)))
        site.report.pages = 2 + course.modules.count + sequence.count
        if !strings.hasTable {
            site.warnings.append("no UI strings for language '\(course.language)' in theme '\(theme.name)'; using English")
        }
        return site
    }

    /// Renders a named template, or an explanation when the theme lacks it.
    func render(_ template: String, _ context: [String: TemplateValue]) -> Data {
        Data((theme.templates.render(template, .object(context)) ?? "<!-- missing template \(template) -->").utf8)
    }
}
