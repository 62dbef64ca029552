import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

/// `lectern preview` updates its site folder a page at a time; after every edit of a random sequence
/// the folder must hold exactly what a fresh full build of the course writes, file for file, byte for byte.
@Test(arguments: [1, 2, 3, 4])
func previewFolderEqualsFullBuildAfterRandomEdits(seed: UInt64) throws {
    let course = try TemporaryCourse(PreviewEdits.initialFiles)
    let scratch = course.url.deletingLastPathComponent().appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let preview = try LecternProcess(["preview", course.url.path, "--port", "0"], environment: ["TMPDIR": scratch.path])
    let site = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        .first { $0.hasPrefix("lectern-preview-") }.map { scratch.appendingPathComponent($0).appendingPathComponent("site") })
    try expectFolder(site, equalsBuildOf: course.url, after: "the first build", preview: preview)

    var edits = PreviewEdits(course: course, seed: seed)
    for _ in 0..<24 {
        let version = try preview.version()
        let step = try edits.next()
        try preview.waitForVersion(after: version)
        if step.breaks {
            // The course has an error now: the preview shows it; the folder keeps the last good site.
            let deadline = Date().addingTimeInterval(10)
            while try preview.request("GET", "/__lectern/version").json["ok"] as? Bool != false, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            #expect(try preview.request("GET", "/__lectern/version").json["ok"] as? Bool == false, "\(step.name) should fail the build")
            continue
        }
        try expectFolder(site, equalsBuildOf: course.url, after: step.name, preview: preview)
    }
}

/// Waits (up to 10 s, the watcher may build twice for one step) for `folder` to equal a fresh full build.
private func expectFolder(_ folder: URL, equalsBuildOf course: URL, after step: String, preview: LecternProcess) throws {
    let result = try Loader.load(course, options: LoadOptions(includeDrafts: true))
    try #require(!result.hasErrors, "\(step): \(result.diagnostics.map(\.description))")
    let built = try SiteBuilder.build([CourseSource(course: result.course, folder: course)])
    var expected: [String: Data] = [:]
    for (path, contents) in built.files {
        switch contents {
        case .data(let data): expected[path] = data
        case .copy(let url): expected[path] = try Data(contentsOf: url)
        case .written: Issue.record("\(path): a build without a page sink wrote a page early")
        }
    }
    let deadline = Date().addingTimeInterval(10)
    var actual = filesUnder(folder)
    while actual != expected, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
        actual = filesUnder(folder)
    }
    let differing = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
    #expect(differing.isEmpty, "after \(step), these files differ from a full build: \(differing.prefix(10))")
}

/// A seeded sequence of the edits authors make: lesson text, a heading others link to, a title the
/// neighbours show, front matter, a quiz, module.yaml and course.yaml, lessons added, removed and renamed,
/// and a file made broken then fixed.
private struct PreviewEdits {
    let course: TemporaryCourse
    var state: UInt64
    var counter = 0
    /// Lessons of module 1 other than the first (which the others link to), by file name.
    var extraLessons = ["02-loops.md", "03-lists.md"]
    var pendingFix: (path: String, contents: String)?
    var editedWhileBroken = false

    static let initialFiles = [
        "course.yaml": "title: Edits\ncompletion: {require: lessons}\n",
        "01-start/module.yaml": "title: Starting out\n",
        "01-start/01-welcome.md": "---\nduration_minutes: 5\nsummary: Hello there.\n---\n# Welcome\n\nIntro text.\n\n## Setting up\n\nInstall it.\n",
        "01-start/cat.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"1\"/></svg>\n",
        "02-more/02-wrap.md": "# Wrapping up\n\nSee [functions](01-functions.md#returning-values). ![A cat](../01-start/cat.svg)\n",
        "01-start/02-loops.md": "# Loops\n\nSee [setting up](01-welcome.md#setting-up).\n\n```python\nfor x in y:\n    pass\n```\n",
        "01-start/03-lists.md": "# Lists\n\nA | B\n--|--\n1 | 2\n\nBack to [welcome](01-welcome.md).\n",
        "01-start/04-check.quiz.yaml": "title: Check\nquestions:\n  - type: true_false\n    prompt: Loops repeat.\n    answer: true\n",
        "02-more/01-functions.md": "# Functions\n\nRead [setting up](../01-start/01-welcome.md#setting-up) first.\n\n## Returning values\n\nText.\n",
    ]

    init(course: TemporaryCourse, seed: UInt64) {
        self.course = course
        state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    }

    mutating func random(_ count: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(count))
    }

    /// Makes one edit; returns its name and whether it leaves the course with an error.
    mutating func next() throws -> (name: String, breaks: Bool) {
        counter += 1
        let n = counter
        if let fix = pendingFix {
            if random(2) == 0, !editedWhileBroken {
                // An edit while the course is broken must show once it is fixed.
                editedWhileBroken = true
                try course.write("# Functions\n\nRead [setting up](../01-start/01-welcome.md#setting-up) first, take \(n).\n\n## Returning values\n\nText.\n",
                                 to: "02-more/01-functions.md")
                return ("lesson text while another file is broken", true)
            }
            editedWhileBroken = false
            try course.write(fix.contents, to: fix.path)
            pendingFix = nil
            return ("fixing \(fix.path)", false)
        }
        switch random(12) {
        case 0:
            try course.write("---\nduration_minutes: 5\nsummary: Hello there.\n---\n# Welcome\n\nIntro text, take \(n).\n\n## Setting up\n\nInstall it.\n",
                             to: "01-start/01-welcome.md")
            return ("lesson text", false)
        case 1:
            // The heading others link to: their links break (a warning), then work again.
            let heading = n % 2 == 0 ? "Setting up" : "Getting set up \(n)"
            try course.write("---\nduration_minutes: 5\nsummary: Hello there.\n---\n# Welcome\n\nIntro text.\n\n## \(heading)\n\nInstall it.\n",
                             to: "01-start/01-welcome.md")
            return ("linked heading", false)
        case 2:
            try course.write("# Functions \(n)\n\nRead [setting up](../01-start/01-welcome.md#setting-up) first.\n\n## Returning values\n\nText.\n",
                             to: "02-more/01-functions.md")
            return ("title shown in neighbours", false)
        case 3:
            try course.write("---\nduration_minutes: \(n)\nsummary: Summary \(n).\n---\n# Welcome\n\nIntro text.\n\n## Setting up\n\nInstall it.\n",
                             to: "01-start/01-welcome.md")
            return ("front matter", false)
        case 4:
            try course.write("title: Check\nquestions:\n  - type: true_false\n    prompt: Loops repeat \(n) times.\n    answer: true\n",
                             to: "01-start/04-check.quiz.yaml")
            return ("quiz", false)
        case 5:
            try course.write("title: Starting out \(n)\n", to: "01-start/module.yaml")
            return ("module.yaml", false)
        case 6:
            try course.write("title: Edits \(n)\ncompletion: {require: lessons}\n", to: "course.yaml")
            return ("course.yaml", false)
        case 7:
            let name = String(format: "%02d-added-%d.md", 10 + n, n)
            try course.write("# Added \(n)\n\nNew text with `code` and [a link](01-welcome.md#setting-up).\n", to: "01-start/" + name)
            extraLessons.append(name)
            return ("lesson added", false)
        case 8:
            guard extraLessons.count > 1 else { return try next() }
            let name = extraLessons.remove(at: random(extraLessons.count))
            try FileManager.default.removeItem(at: course.url.appendingPathComponent("01-start/" + name))
            return ("lesson removed", false)
        case 9:
            let index = random(extraLessons.count)
            let renamed = String(format: "%02d-renamed-%d.md", 10 + n, n)
            try course.move("01-start/" + extraLessons[index], to: "01-start/" + renamed)
            extraLessons[index] = renamed
            return ("lesson renamed", false)
        case 10:
            try course.write("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"\(n)\"/></svg>\n", to: "01-start/cat.svg")
            return ("image edited", false)
        default:
            let path = "02-more/02-wrap.md"
            // The fix keeps the title, so only the item's insides changed since the last good build.
            let good = "# Wrapping up\n\nSee [functions](01-functions.md#returning-values), take \(n). ![A cat](../01-start/cat.svg)\n"
            try course.write("---\ntitle: [unclosed\n---\n# Wrapping up\n", to: path)
            pendingFix = (path, good)
            return ("\(path) broken", true)
        }
    }
}

/// An edit inside a lesson or a quiz re-renders that item's page and search files only; an edit that
/// other pages show (course.yaml) builds every page again.
@Test func previewRendersOnlyTheChangedItemAfterAnEditInside() throws {
    let course = try TemporaryCourse(PreviewEdits.initialFiles)
    let log = course.url.deletingLastPathComponent().appendingPathComponent("preview.err")
    let preview = try LecternProcess(["preview", course.url.path, "--port", "0"], standardError: log)
    func lastBuild(after version: Int) throws -> String {
        try preview.waitForVersion(after: version)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        return String(lines.last { $0.hasPrefix("built in") } ?? "")
    }

    var version = try preview.version()
    try course.write("# Loops\n\nSee [setting up](01-welcome.md#setting-up), twice.\n\n```python\nfor x in y:\n    pass\n```\n",
                     to: "01-start/02-loops.md")
    #expect(try lastBuild(after: version).contains("pages of changed items"))

    version = try preview.version()
    try course.write("title: Check\nquestions:\n  - type: true_false\n    prompt: Loops stop.\n    answer: false\n", to: "01-start/04-check.quiz.yaml")
    #expect(try lastBuild(after: version).contains("pages of changed items"))

    version = try preview.version()
    try course.write("title: Edits renamed\ncompletion: {require: lessons}\n", to: "course.yaml")
    #expect(try lastBuild(after: version).contains("all pages"))
}
