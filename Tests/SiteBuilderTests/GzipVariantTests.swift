// A written site carries a `.gz` next to each large text file, for servers that send it to browsers that
// accept gzip; small files and media get none.
import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test func largeTextFilesGetAGzipVariantThatGunzipsToTheFile() throws {
    let long = (1...200).map { "Paragraph \($0) about loops and the values they repeat over." }.joined(separator: "\n\n")
    let course = try TemporaryCourse(["course.yaml": "title: A\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n\n\(long)\n"])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("out")
    let site = try buildSite(course.url)
    try site.write(to: out, gzipVariants: true)

    let page = out.appendingPathComponent("course/a/x.html")
    let variant = try #require(FileManager.default.contents(atPath: page.path + ".gz"))
    #expect(variant.count < (try Data(contentsOf: page)).count / 2)
    // gzip itself reads it back to the page, byte for byte.
    let unzipped = try runTool("/bin/sh", ["-c", "gzip -dc \"$1\" | cmp - \"$2\" && echo same", "sh", page.path + ".gz", page.path])
    #expect(unzipped.status == 0 && unzipped.output.contains("same"), "\(unzipped.output)")
    // Every .gz sits next to a text file it was made from; images and tiny files get none.
    let written = try FileManager.default.subpathsOfDirectory(atPath: out.path)
    for path in written where path.hasSuffix(".gz") {
        let original = String(path.dropLast(3))
        #expect(site.files[original] != nil, "\(path) has no file it was made from")
        #expect(["html", "css", "js", "json", "svg", "xml", "txt", "vtt"].contains((original as NSString).pathExtension))
    }
    for (path, contents) in site.files {
        guard case .data(let data) = contents, data.count < 1024 else { continue }
        #expect(!written.contains(path + ".gz"), "\(path) is too small for a variant")
    }
}

@Test func aSiteWrittenWithoutGzipVariantsHasNone() throws {
    let long = (1...200).map { "Paragraph \($0) about loops and the values they repeat over." }.joined(separator: "\n\n")
    let course = try TemporaryCourse(["course.yaml": "title: A\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n\n\(long)\n"])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("out")
    try buildSite(course.url).write(to: out)
    let written = try FileManager.default.subpathsOfDirectory(atPath: out.path)
    #expect(written.contains("course/a/x.html"))
    #expect(!written.contains { $0.hasSuffix(".gz") })
}
