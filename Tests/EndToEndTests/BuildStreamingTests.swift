// `lectern build` writes lesson and quiz pages to its staging folder as they are rendered (`PageSink`),
// never holding them all: its output must be the in-memory build's, byte for byte, `.gz` twins included.
import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test(arguments: [false, true]) func pagesWrittenAsTheyRenderMakeTheSameSiteAsAnInMemoryBuild(gzip: Bool) throws {
    let out = try TemporaryCourse(["keep": ""], name: "streamed")
    let names = ["python-foundations", "digital-literacy", "huerto-escolar"]
    let streamed = out.url.appendingPathComponent("streamed"), kept = out.url.appendingPathComponent("kept")
    let run = try runLectern(["build"] + names.map { sampleCourse($0).path } + ["--out", streamed.path] + (gzip ? ["--gzip"] : []))
    #expect(run.exitCode == 0, "\(run.stderr)")

    let sources = try names.map { name in
        let result = try Loader.load(sampleCourse(name), options: LoadOptions())
        return CourseSource(course: result.course, folder: sampleCourse(name))
    }
    try SiteBuilder.build(sources).write(to: kept, gzipVariants: gzip)
    let (streamedFiles, keptFiles) = (filesUnder(streamed), filesUnder(kept))
    #expect(streamedFiles.count > 100 && streamedFiles.keys.contains { $0.hasSuffix(".html.gz") } == gzip)
    #expect(Set(streamedFiles.keys) == Set(keptFiles.keys))
    #expect(streamedFiles.filter { keptFiles[$0.key] != $0.value }.keys.sorted() == [])
    // No staging folder is left beside the site.
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted() == ["keep", "kept", "streamed"])
}
