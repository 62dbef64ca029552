import Foundation
import LecternTesting
import Testing

/// A fresh output folder next to a temporary course.
func outputFolder(_ course: TemporaryCourse, _ name: String = "site") -> URL {
    course.url.deletingLastPathComponent().appendingPathComponent(name)
}

@Test func buildsEverySampleCourseWithACatalog() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let out = outputFolder(scratch)
    let samples = ["python-foundations", "digital-literacy", "huerto-escolar"].map { sampleCourse($0).path }
    let result = try runLectern(["build"] + samples + ["--out", out.path])
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.contains("built 3 courses into \(out.path):"))
    for slug in ["python-foundations", "digital-literacy", "huerto-escolar"] {
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(slug)/index.html").path))
    }
    let catalog = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(catalog.contains("python-foundations/index.html") && catalog.contains("huerto-escolar/index.html"))
    let spanish = try String(contentsOf: out.appendingPathComponent("huerto-escolar/index.html"), encoding: .utf8)
    #expect(spanish.contains("lang=\"es\""))
}

@Test func aCourseWithErrorsWritesNothing() throws {
    let course = try TemporaryCourse(["course.yaml": "titel: Oops\n"])
    let out = outputFolder(course)
    let result = try runLectern("build", course.url.path, "--out", out.path)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("course.yaml:1:1: error: unknown key 'titel' in course.yaml (did you mean 'title'?)"))
    #expect(result.stderr.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
}

@Test func buildNeedsAnOutputFolderAndAKnownTheme() throws {
    #expect(try runLectern("build", fixture("minimal-course").path).exitCode == 64)
    let scratch = try TemporaryCourse([:], name: "unused")
    let result = try runLectern("build", fixture("minimal-course").path, "--out", outputFolder(scratch).path, "--theme", "neon")
    #expect(result.exitCode == 1 && result.stderr.contains("unknown theme 'neon'"))
}

@Test func twoCoursesWithOneSlugAreRefused() throws {
    let first = try TemporaryCourse(["course.yaml": "title: A\nslug: same\ncompletion: {require: lessons}\n"], name: "a")
    let second = try TemporaryCourse(["course.yaml": "title: B\nslug: same\ncompletion: {require: lessons}\n"], name: "b")
    let result = try runLectern("build", first.url.path, second.url.path, "--out", outputFolder(first).path)
    #expect(result.exitCode == 1 && result.stderr.contains("share the slug 'same'"))
}

@Test func baseURLAddsCanonicalLinksAndASitemap() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let out = outputFolder(scratch)
    let result = try runLectern("build", fixture("minimal-course").path, "--out", out.path, "--base-url", "https://school.example/courses")
    #expect(result.exitCode == 0, "\(result.stderr)")
    let sitemap = try String(contentsOf: out.appendingPathComponent("sitemap.xml"), encoding: .utf8)
    #expect(sitemap.contains("<loc>https://school.example/courses/minimal-course/index.html</loc>"))
    let lesson = try String(contentsOf: out.appendingPathComponent("minimal-course/basics/hello.html"), encoding: .utf8)
    #expect(lesson.contains("https://school.example/courses/minimal-course/basics/hello.html"))
}

@Test func buildNeverReplacesAFolderItDidNotWrite() throws {
    let course = try TemporaryCourse(["course.yaml": "title: Safe\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"])
    let docs = outputFolder(course, "docs")
    try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: docs.appendingPathComponent("notes.txt"))
    let refused = try runLectern("build", course.url.path, "--out", docs.path)
    #expect(refused.exitCode == 1 && refused.stderr.contains("already holds files that no lectern build wrote"))
    #expect(try String(contentsOf: docs.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    // A folder an earlier build wrote is replaced; the course folder itself never is.
    let site = outputFolder(course)
    #expect(try runLectern("build", course.url.path, "--out", site.path).exitCode == 0)
    #expect(try runLectern("build", course.url.path, "--out", site.path).exitCode == 0)
    #expect(try runLectern("build", course.url.path, "--out", course.url.path).exitCode == 64)
}
