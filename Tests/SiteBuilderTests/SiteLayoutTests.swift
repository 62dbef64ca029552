import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test func pagesAreNamedAfterStableIdsUnderTheCourseSlug() throws {
    let site = try buildSite(fixture("minimal-course"))
    let pages = site.files.keys.filter { $0.hasSuffix(".html") }.sorted()
    #expect(pages == ["404.html", "account.html", "admin.html", "dashboard.html", "enrolled-only.html", "index.html", "minimal-course/basics/hello.html",
                      "minimal-course/basics/index.html", "minimal-course/basics/next.html", "minimal-course/index.html",
                      "minimal-course/search.html", "my-courses.html", "notifications.html", "scorm-player.html", "teaching.html"])
}

/// The scripts a page loads itself (`<script src>`, names without their hash), and those lectern.js loads
/// when `lectern serve` answers (#lectern-server-scripts), in order.
func scripts(of html: String) throws -> (own: [String], server: [String]) {
    let unhashed = { (path: String) in
        String(path.split(separator: "/").last!).replacingOccurrences(of: #"\.[0-9a-f]{16}\."#, with: ".", options: .regularExpression)
    }
    let own = html.matches(of: #/<script src="([^"]+)" defer>/#).map { unhashed(String($0.1)) }
    guard let list = html.firstMatch(of: #/<script type="application/json" id="lectern-server-scripts">([^<]*)</script>/#) else { return (own, []) }
    let hrefs = try JSONSerialization.jsonObject(with: Data(list.1.utf8)) as? [String] ?? []
    return (own, hrefs.map(unhashed))
}

@Test func everyPageLoadsOnlyTheScriptsItUses() throws {
    for theme in ["default", "kiosk"] {
        let site = try buildSite(sampleCourse("python-foundations"), options: SiteOptions(theme: theme))
        let expected: [(String, [String], [String])] = [
            ("index.html", ["progress.js", "lectern.js", "catalog.js"], ["server.js", "reviews.js"]),
            ("python-foundations/index.html", ["strings.js", "progress.js", "lectern.js"], ["server.js", "reviews.js", "discussion.js"]),
            ("python-foundations/getting-started/welcome.html", ["strings.js", "progress.js", "lectern.js", "highlight.min.js", "code.js"], ["server.js", "discussion.js"]),
            ("python-foundations/getting-started/check.html", ["strings.js", "progress.js", "lectern.js", "grading.js", "quiz.js", "highlight.min.js", "code.js"],
             ["server.js", "server-quiz.js"]),
            ("python-foundations/search.html", ["strings.js", "progress.js", "lectern.js", "search.js"], ["server.js"]),
            ("account.html", ["progress.js", "lectern.js"], ["server.js", "account.js"]),
            ("my-courses.html", ["progress.js", "lectern.js"], ["server.js", "account.js"]),
            ("dashboard.html", ["progress.js", "lectern.js"], ["server.js", "dashboard.js"]),
            ("teaching.html", ["progress.js", "lectern.js"], ["server.js", "gradebook.js", "dashboard.js", "class-tools.js", "announcements.js", "discussion-queue.js"]),
            ("notifications.html", ["progress.js", "lectern.js"], ["server.js", "notifications.js"]),
            ("scorm-player.html", ["progress.js", "lectern.js"], ["server.js", "scorm-player.js"]),
            ("admin.html", ["progress.js", "lectern.js"], ["server.js", "admin.js", "admin-certificates.js", "admin-courses.js", "admin-scorm.js"]),
            ("enrolled-only.html", ["progress.js", "lectern.js"], ["server.js", "gate.js"]),
            ("404.html", [], []),
        ]
        for (page, own, server) in expected {
            let html = try #require(site.text(page), "\(page)")
            let found = try scripts(of: html)
            #expect(found.own == own && found.server == server, "\(theme) \(page): \(found)")
        }
        // The dashboards' and administration's scripts live at the site root only.
        for name in ["dashboard.", "admin.", "admin-courses.", "account.", "gate.", "notifications.", "announcements.", "scorm-player."] {
            let copies = site.files.keys.filter { $0.contains(name) && $0.hasSuffix(".js") }
            #expect(copies.count == 1 && copies[0].hasPrefix("assets/"), "\(theme): \(copies)")
        }
        #expect(try #require(site.text("admin.html")).contains("id=\"lectern-admin-no-server\" hidden"))
        // The runtime of hosted SCORM packages is served by `lectern serve`'s SCORM origin only.
        #expect(!site.files.keys.contains { $0.contains("scorm-runtime.") || $0.contains("scorm-host.") })
        // Course pages share their strings in one file instead of each carrying the table.
        #expect(!(try #require(site.text("python-foundations/getting-started/welcome.html"))).contains("id=\"lectern-strings\""))
        #expect(site.files.keys.contains { $0.hasPrefix("python-foundations/assets/strings.") && $0.hasSuffix(".js") })
    }
}

@Test func lessonLinksAndImagesAreRewrittenRelativeToThePage() throws {
    let site = try buildSite(fixture("minimal-course"))
    let hello = try #require(site.text("minimal-course/basics/hello.html"))
    #expect(hello.contains("<a href=\"next.html#part-two\">link to the next one</a>"))
    let next = try #require(site.text("minimal-course/basics/next.html"))
    #expect(next.contains("<img src=\"../media/images/square.svg\" alt=\"A square\" />"))
    #expect(site.files["minimal-course/media/images/square.svg"] == .copy(fixture("minimal-course").appendingPathComponent("images/square.svg").standardizedFileURL))
}

@Test func onlyReferencedMediaIsCopiedAndDraftsStayOut() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Media\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# X\n\n![Used](../media/used.svg)\n",
        "01-a/02-draft.md": "---\ndraft: true\n---\n# Draft\n\n![Draft image](../media/draft.svg)\n",
        "media/used.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "media/draft.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "media/unused.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ])
    let site = try buildSite(course.url)
    #expect(site.files.keys.filter { $0.contains("/media/") }.sorted() == ["course/media/media/used.svg"])
    #expect(site.files["course/a/draft.html"] == nil)
    let withDrafts = try buildSite(course.url, includeDrafts: true)
    #expect(withDrafts.files["course/a/draft.html"] != nil)
    #expect(withDrafts.files["course/media/media/draft.svg"] != nil)
}

@Test func twoBuildsAreByteIdentical() throws {
    let first = try bytes(of: buildSite(sampleCourse("python-foundations")))
    let second = try bytes(of: buildSite(sampleCourse("python-foundations")))
    #expect(first.keys.sorted() == second.keys.sorted())
    #expect(first == second)
}

@Test func assetNamesCarryTheirContentHash() throws {
    let site = try buildSite(fixture("minimal-course"))
    let assets = site.files.keys.filter { $0.hasPrefix("minimal-course/assets/") }
    #expect(!assets.isEmpty)
    for path in assets {
        let name = (path as NSString).lastPathComponent
        let parts = name.split(separator: ".")
        #expect(parts.count >= 3 && parts[parts.count - 2].count == 16, "\(name)")
    }
    // The theme's stylesheets and script are on every page (highlight.js and KaTeX only where needed).
    let home = try #require(site.text("minimal-course/index.html"))
    for path in assets where path.contains("/lectern.") {
        #expect(home.contains("\"" + path.replacingOccurrences(of: "minimal-course/", with: "") + "\""), "\(path)")
    }
}

@Test func pagesUseNoAbsoluteOrRemoteAssetURLs() throws {
    let site = try buildSite(sampleCourse("digital-literacy"))
    for (path, contents) in site.files where path.hasSuffix(".html") && path != "404.html" {
        guard case .data(let data) = contents else { continue }
        let html = String(decoding: data, as: UTF8.self)
        for attribute in ["src=\"http", "src=\"//", "href=\"/", "src=\"/", "@import"] {
            #expect(!html.contains(attribute), "\(path) contains \(attribute)")
        }
    }
}

@Test func quizAnswersAreOnlyInPagesWhenTheBrowserGrades() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Key\n",
        "01-a/01-q.quiz.yaml": """
        questions:
          - type: short
            prompt: Secret word?
            answers: [xylophone-answer]
          - type: single
            prompt: Pick
            choices:
              - {text: Right, correct: true, feedback: zebra-feedback}
              - {text: Wrong}
        """,
    ])
    let browser = try buildSite(course.url)
    let page = try #require(browser.text("course/a/q.html"))
    #expect(page.contains("xylophone-answer") && page.contains("zebra-feedback"))
    #expect(page.contains("id=\"quiz-key\""))

    let server = try buildSite(course.url, options: SiteOptions(gradeInBrowser: false))
    for (path, contents) in try bytes(of: server) {
        let text = String(decoding: contents, as: UTF8.self)
        #expect(!text.contains("xylophone-answer") && !text.contains("zebra-feedback"), "answer leaked in \(path)")
    }
}

@Test func courseThemeFolderOverridesTemplatesAndAssets() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Themed\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# X\n",
        "theme/templates/lesson.mustache": "<!doctype html><title>{{lesson.title}}</title><p class=custom>{{lesson.title}}</p>",
        "theme/assets/extra.txt": "kept",
    ])
    let site = try buildSite(course.url)
    #expect(site.text("course/a/x.html") == "<!doctype html><title>X</title><p class=custom>X</p>")
    #expect(site.files.keys.contains { $0.hasPrefix("course/assets/extra.") && $0.hasSuffix(".txt") })
}

@Test func unknownThemeIsAClearError() throws {
    #expect {
        try buildSite(fixture("minimal-course"), options: SiteOptions(theme: "nope"))
    } throws: { error in
        (error as? ThemeError)?.message.hasPrefix("unknown theme 'nope'; known themes: default, kiosk") == true
    }
}

@Test(arguments: ["{\"nav.next\": 3}", "[\"Weiter\"]", "{\"nav.next\": \"Weiter\"", "\"Weiter\""])
func aCourseStringsFileThatIsNotAnObjectOfTextsIsAClearError(contents: String) throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: A\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# X\n",
        "theme/strings/de.json": contents,
    ])
    #expect {
        try buildSite(course.url)
    } throws: { error in
        (error as? ThemeError)?.message == "strings/de.json must be a JSON object of text values"
    }
}

@Test func rightToLeftLanguagesGetDirRTL() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: درس\nlanguage: ar\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# مرحبا\n",
    ])
    let site = try buildSite(course.url)
    let page = try #require(site.text("course/a/x.html"))
    #expect(page.contains("lang=\"ar\"") && page.contains("dir=\"rtl\""))
}

@Test func writeReplacesTheOutputFolderAtomically() throws {
    let course = try TemporaryCourse(["course.yaml": "title: A\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    // An earlier build's output (it carries the marker), with a page that no longer exists.
    try Data("stale".utf8).write(to: out.appendingPathComponent("stale.html"))
    try Data().write(to: out.appendingPathComponent(".lectern-site"))
    try buildSite(course.url).write(to: out)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("stale.html").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("course/a/x.html").path))
    let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
    #expect(siblings.sorted() == ["course", "out"])

    // A site whose media cannot be copied fails without touching the previous output.
    var broken = try buildSite(course.url)
    broken.files["course/media/missing.png"] = .copy(course.url.appendingPathComponent("missing.png"))
    #expect(throws: (any Error).self) { try broken.write(to: out) }
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("course/a/x.html").path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).sorted() == ["course", "out"])
}

@Test func coursePagesCarryOnlyTheStringsTheirScriptsUse() throws {
    let site = try buildSite(fixture("minimal-course"), options: SiteOptions())
    // The dashboards' and administration page's strings are a third of the table: root pages only.
    for page in ["admin.html", "teaching.html", "dashboard.html"] {
        let html = try #require(site.text(page))
        #expect(html.contains("\"admin.title\"") && html.contains("\"teaching.title\"") && html.contains("\"dashboard.title\""), "\(page)")
    }
    // Course pages share one strings file, without those groups.
    let file = try #require(site.files.keys.first { $0.hasPrefix("minimal-course/assets/strings.") })
    let strings = try #require(site.text(file))
    #expect(strings.hasPrefix("globalThis.LecternStrings = {") && strings.contains("\"quiz.submit\"") && strings.contains("\"account.signIn\""))
    #expect(!strings.contains("\"admin.") && !strings.contains("\"teaching.") && !strings.contains("\"dashboard."))
}

/// A lesson page does not grow with the course: the sidebar lists a window of modules around the current
/// one and links to the whole outline on the course home.
@Test func lessonPagesStaySmallWhateverTheNumberOfModules() throws {
    var files = ["course.yaml": "title: Big\ncompletion: {require: lessons}\n"]
    for module in 1...400 {
        let folder = String(format: "%03d-part-%d", module, module)
        for lesson in 1...2 { files["\(folder)/0\(lesson)-lesson-\(lesson).md"] = "# Lesson \(lesson) of part \(module)\n\nSome text.\n" }
    }
    let course = try TemporaryCourse(files)
    let site = try buildSite(course.url)
    let page = try #require(site.text("course/part-200/lesson-1.html"))
    #expect(page.utf8.count < 30_000, "\(page.utf8.count) bytes")
    let listed = page.components(separatedBy: "class=\"sidebar-module-link\"").count - 1
    #expect(listed == 15)
    #expect(page.contains("href=\"../part-200/index.html\" aria-current=\"true\">"))
    #expect(page.contains("Part 193") && page.contains("Part 207") && !page.contains("Part 192<") && !page.contains("Part 208<"))
    #expect(page.contains("<p class=\"sidebar-more\"><a href=\"../index.html#lectern-syllabus-heading\">Whole course outline</a></p>"))
    // The first module's window starts at the first module; the course home lists every module.
    #expect(try #require(site.text("course/part-1/lesson-1.html")).contains("Part 15<"))
    #expect(try #require(site.text("course/index.html")).contains("Part 400"))
    // A small course lists every module and needs no link.
    let smallCourse = try TemporaryCourse(["course.yaml": "title: S\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"], name: "small")
    let small = try buildSite(smallCourse.url)
    #expect(try #require(small.text("small/a/x.html")).contains("sidebar-more") == false)
}

/// A long module's sidebar lists the 15 items around the current one and links to the module's page,
/// which lists them all; a module of 15 items lists every one.
@Test func theSidebarListsAWindowOfFifteenItemsAroundTheCurrentOne() throws {
    var files = ["course.yaml": "title: Long\ncompletion: {require: lessons}\n"]
    for lesson in 1...40 { files[String(format: "01-long/%02d-l%d.md", lesson, lesson)] = "# Lesson \(lesson)\n\nText.\n" }
    for lesson in 1...15 { files[String(format: "02-short/%02d-s%d.md", lesson, lesson)] = "# Short \(lesson)\n\nText.\n" }
    let course = try TemporaryCourse(files)
    let site = try buildSite(course.url)
    func sidebarTitles(_ path: String) throws -> [String] {
        let page = try #require(site.text(path))
        let sidebar = try #require(page.firstMatch(of: /<ol class="sidebar-items">(?s)(.*?)<\/ol>/)).1
        return sidebar.matches(of: /<span class="item-title">([^<]*)<\/span>/).map { String($0.1) }
    }
    #expect(try sidebarTitles("course/long/l30.html") == (23...37).map { "Lesson \($0)" })
    #expect(try sidebarTitles("course/long/l2.html") == (1...15).map { "Lesson \($0)" })
    #expect(try #require(site.text("course/long/l30.html")).contains("<li class=\"sidebar-more-items\"><a href=\"../long/index.html\">"))
    #expect(try #require(site.text("course/long/index.html")).contains("Lesson 40<"))
    #expect(try sidebarTitles("course/short/s15.html") == (1...15).map { "Short \($0)" })
    #expect(try #require(site.text("course/short/s15.html")).contains("sidebar-more-items") == false)
}
