import CourseModel
import Foundation
import SiteBuilder

/// `lectern build DIR... --out OUT`: renders courses into a static site.
enum BuildCommand: Command {
    static let name = "build"
    static let summary = "build a static site from one or more course folders"
    static let help = """
    Usage: lectern build DIR... --out OUT [--theme NAME|DIR] [--base-url URL] [--drafts] [--server-grading] [--gzip]

    Renders each course into OUT/<slug>/ and a catalog of all courses into
    OUT/index.html. Pages use relative links only, so the site works from any web
    server and when opened from disk. OUT is replaced only once the whole site is
    written; a course with errors stops the build and nothing is written.

    Options:
      --out OUT         the folder to write (replaced as a whole)
      --theme NAME|DIR  a built-in theme (default, kiosk) or a theme folder, for
                        every course (default: each course's 'theme', else default)
      --base-url URL    where the site is published: adds canonical links and sitemap.xml
      --drafts          include modules, lessons and quizzes marked 'draft: true'
      --server-grading  leave quiz answers out of the pages, for 'lectern serve --site OUT'
                        (quizzes are then graded by the server only)
      --gzip            also write a .gz twin of each text file of 1 KiB or more, for
                        'lectern serve --site OUT' or nginx's gzip_static
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--drafts", "--server-grading", "--gzip"], options: ["--out", "--theme", "--base-url"])
        guard !arguments.positionals.isEmpty else { throw UsageError("name at least one course folder") }
        guard let out = arguments.options["--out"] else { throw UsageError("--out OUT is required") }
        let outPath = URL(fileURLWithPath: out).standardizedFileURL.path
        for folder in arguments.positionals {
            let course = URL(fileURLWithPath: folder).standardizedFileURL.path
            if course == outPath || course.hasPrefix(outPath + "/") {
                throw UsageError("--out \(out) would replace the course folder \(folder)")
            }
        }
        let started = Date()
        guard let sources = CourseLoading.load(arguments.positionals, includeDrafts: arguments.flags.contains("--drafts"),
                                               command: name) else { return ExitCode.failure }
        // A site for 'lectern serve --site' is gated by the server; any other is open to whoever has it.
        if !arguments.flags.contains("--server-grading") {
            for source in sources where source.course.visibility == .enrolled { Output.error(CourseLoading.visibilityNote(source.folder.path)) }
        }
        let loaded = Date()
        var options = SiteOptions(theme: arguments.options["--theme"], baseURL: arguments.options["--base-url"],
                                  gradeInBrowser: !arguments.flags.contains("--server-grading"))
        let folder = URL(fileURLWithPath: out)
        let gzip = arguments.flags.contains("--gzip")
        // Pages go to a staging folder as they are rendered; it replaces OUT only once the whole site is there.
        let staging: URL
        do {
            staging = try BuiltSite.staging(for: folder)
        } catch {
            Output.error("lectern build: \(error)")
            return ExitCode.failure
        }
        let pages = PageSink(folder: staging, gzipVariants: gzip)
        options.pageSink = pages
        var site: BuiltSite
        do {
            site = try SiteBuilder.build(sources, options: options, progress: ProgressLine.report)
            // Written with the pages, in the same atomic replace: 'lectern serve --site' serves only such a site.
            if !options.gradeInBrowser {
                site.files[ServedSiteGuard.marker] = .data(Data("Built by lectern build --server-grading: quiz answers stay on the server.\n".utf8))
            }
        } catch {
            ProgressLine.finish()
            try? FileManager.default.removeItem(at: staging)
            Output.error("lectern build: \(error.message)")
            return ExitCode.failure
        }
        ProgressLine.finish()
        let rendered = Date()
        do {
            if let failure = pages.failure {
                try? FileManager.default.removeItem(at: staging)
                Output.error("lectern build: cannot write \(failure)")
                return ExitCode.failure
            }
            try site.write(to: folder, gzipVariants: gzip, staged: staging)
        } catch {
            Output.error("lectern build: \(error)")
            return ExitCode.failure
        }
        for warning in site.warnings { Output.error("warning: \(warning)") }
        if ProcessInfo.processInfo.environment["LECTERN_TIMING"] != nil {
            Output.error(String(format: "timing: load %.2f s, render %.2f s, write %.2f s", loaded.timeIntervalSince(started),
                                rendered.timeIntervalSince(loaded), Date().timeIntervalSince(rendered)))
        }
        let seconds = Date().timeIntervalSince(started)
        Output.error(String(format: "built %d course%@ into %@: %d pages, %d media files, search index %@ (largest file %@) in %.2f s",
                            sources.count, sources.count == 1 ? "" : "s", out, site.report.pages, site.report.mediaFiles,
                            bytes(site.report.searchIndexBytes), bytes(site.report.largestSearchShardBytes), seconds))
        return ExitCode.ok
    }

    static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1024 * 1024 ? "\(count / 1024) KiB" : String(format: "%.1f MiB", Double(count) / 1_048_576)
    }
}
