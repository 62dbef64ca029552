import CourseModel
import Foundation
import Utilities
import Synchronization
import Templating

/// How to build a site.
public struct SiteOptions: Sendable {
    /// A theme name or folder for every course, instead of each course's own `theme` (default `default`).
    public var theme: String?
    /// Where the site will be published (`https://school.example/courses/`): adds canonical links and a sitemap.
    public var baseURL: String?
    /// Put quiz answers in the pages so quizzes grade in the browser; false when a server grades them.
    public var gradeInBrowser: Bool
    /// Largest search index file before the build warns, in bytes.
    public var searchShardBudget: Int
    /// Lesson renderings kept from an earlier build, reused where nothing changed (`lectern preview`).
    public var cache: RenderCache?
    /// The course is all there is (a SCORM package): the theme's package-only assets (the SCO runtime)
    /// instead of the server's scripts, and no links to the catalog or the server's pages, which would
    /// point outside the package.
    public var standalone = false
    /// Where lesson and quiz pages go as soon as they are rendered (`lectern build`): the site then holds
    /// them as `.written`, not their bytes, so a big course's pages are never all in memory at once.
    public var pageSink: PageSink?

    public init(theme: String? = nil, baseURL: String? = nil, gradeInBrowser: Bool = true, searchShardBudget: Int = 256 * 1024,
                cache: RenderCache? = nil) {
        self.theme = theme
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.gradeInBrowser = gradeInBrowser
        self.searchShardBudget = searchShardBudget
        self.cache = cache
    }
}

/// A course to build and the folder it was loaded from (for its media and `theme/` overrides).
public struct CourseSource: Sendable {
    public var course: Course
    public var folder: URL
    public init(course: Course, folder: URL) {
        self.course = course
        self.folder = folder
    }
}

/// Turns loaded courses into a static site: a catalog at the root and each course at `<slug>/`,
/// self-contained (its pages, assets, media and search index), so one course folder can be copied alone.
public enum SiteBuilder {
    public static let generator = "Lectern 0.1.0"

    /// Renders every page of every course and the catalog.
    /// - Parameter progress: called with (pages done, pages in all) as pages render, from any thread.
    public static func build(_ sources: [CourseSource], options: SiteOptions = SiteOptions(),
                             progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws(ThemeError) -> BuiltSite {
        var site = BuiltSite()
        let total = sources.reduce(0) { $0 + $1.course.lessons.count + $1.course.quizzes.count }
        let counter = ProgressCounter(total: total, report: progress)
        var catalogTheme: Theme?
        var themes: [Theme] = []
        var loads = ThemeLoads()
        for source in sources {
            let theme = try loads.load(options.theme ?? source.course.theme ?? "default", for: source.folder)
            if catalogTheme == nil { catalogTheme = options.theme == nil ? try loads.load("default") : theme }
            themes.append(theme)
        }
        // A catalog's courses render side by side: each course's serial steps (search index, outline,
        // assets) overlap with the others' pages instead of leaving cores idle.
        let builtCourses = parallelMap(Array(zip(sources, themes))) { source, theme in
            CourseRenderer(course: source.course, folder: source.folder, theme: theme, options: options).build(progress: counter)
        }
        for (source, built) in zip(sources, builtCourses) {
            for (path, contents) in built.files { site.files[source.course.slug + "/" + path] = contents }
            site.warnings += built.warnings.map { "\(source.course.slug): \($0)" }
            site.report.pages += built.report.pages
            site.report.mediaFiles += built.report.mediaFiles
            site.report.searchIndexBytes += built.report.searchIndexBytes
            site.report.largestSearchShardBytes = max(site.report.largestSearchShardBytes, built.report.largestSearchShardBytes)
        }
        let theme: Theme
        if let catalogTheme { theme = catalogTheme } else { theme = try loads.load(options.theme ?? "default") }
        let catalog = CatalogRenderer(courses: sources.map(\.course), theme: theme, options: options).build()
        for (path, contents) in catalog.files { site.files[path] = contents }
        site.report.pages += catalog.report.pages
        return site
    }
}

/// Counts rendered pages across threads and reports them.
final class ProgressCounter: Sendable {
    private let done = Atomic(0)
    let total: Int
    private let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    func increment() {
        report(done.add(1, ordering: .relaxed).newValue, total)
    }
}
