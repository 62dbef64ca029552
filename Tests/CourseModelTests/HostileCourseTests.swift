// Courses built to crash, stall or hide content: each problem is a located diagnostic, never a crash,
// a stall, or a file silently left out.
import Foundation
import CourseModel
import LecternTesting
import Testing
import YAML

/// `path:line:column: severity: message` of every diagnostic, and the hints.
private func lines(_ result: LoadResult) -> [String] {
    result.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
}

private let plainCourse = "title: Hostile\ncompletion: {require: lessons}\n"

@Test func courseYAMLNestedTenThousandDeepIsALocatedError() throws {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let course = try TemporaryCourse(["course.yaml": plainCourse + "tags: \(deep)\n", "01-m/01-a.md": "# A\n"])
    let result = try Loader.load(course.url)
    #expect(lines(result).contains("course.yaml:3:\(6 + YAMLParser.maximumDepth): error: malformed YAML: nested more than 100 levels deep"))
    #expect(result.diagnostics.first { $0.message.contains("nested") }?.hint?.contains("flatten") == true)
}

@Test func lessonFrontMatterNestedDeeplyIsALocatedError() throws {
    var front = ""
    for depth in 0..<10_000 { front += String(repeating: " ", count: depth) + "k:\n" }
    let course = try TemporaryCourse(["course.yaml": plainCourse, "01-m/01-a.md": "---\n\(front)---\n# A\n"])
    let result = try Loader.load(course.url)
    // The front matter starts on line 2; the mapping past the limit starts at its 101st line.
    #expect(lines(result).contains { $0.hasPrefix("01-m/01-a.md:102:101: error: malformed front matter: nested more than 100 levels deep") })
}

@Test func fiftyThousandLinksOnOneLineAreCheckedQuicklyAtTheirColumns() throws {
    let count = 50_000
    let line = String(repeating: "é [x](01-a.md) ", count: count) + "[broken](nope.md)\n"
    let course = try TemporaryCourse(["course.yaml": plainCourse, "01-m/01-a.md": "# A\n\n" + line])
    let start = Date()
    let result = try Loader.load(course.url)
    #expect(Date().timeIntervalSince(start) < 15)
    // "é [x](01-a.md) " is 15 characters (16 bytes), so the broken link starts at character 15 × 50,000 + 1.
    #expect(lines(result) == ["01-m/01-a.md:3:\(15 * count + 1): error: link target 'nope.md' does not exist"])
}

@Test func wideTablesRawHTMLAndOversizedLessonsAreReported() throws {
    let table = String(repeating: "|a", count: 5_000) + "|\n" + String(repeating: "|-", count: 5_000) + "|\n"
    let huge = "# Big\n\n" + String(repeating: "word ", count: Loader.maximumLessonBytes / 5 + 1) + "\n"
    let course = try TemporaryCourse([
        "course.yaml": plainCourse,
        "01-m/01-a.md": "---\ntitle: A\n---\n\nPress <kbd>Q</kbd>.\n\n" + table,
        "01-m/02-big.md": huge,
    ])
    let result = try Loader.load(course.url)
    #expect(lines(result) == [
        "01-m/01-a.md:5:7: warning: raw HTML '<kbd>' is left out of the page",
        "01-m/01-a.md:7:1: warning: a table row with 5000 columns, over the limit of 256: the table is shown as plain text",
        "01-m/02-big.md:1:1: error: the lesson text is \(huge.utf8.count) bytes, over the limit of 1048576 (1 MB); it is not checked further",
    ])
}

@Test func filesLeftOutAreReportedWhereTheyAre() throws {
    let course = try TemporaryCourse([
        "course.yaml": plainCourse + "theme: /etc\n",
        "01-m/01-a.md": "# A\n\n![Passwords](file:///etc/passwd) and [a file](FILE:///tmp/x.pdf)\n",
        "01-m/02-b.md": "# B\n\nline three\n",
    ])
    // Latin-1 'é' (0xE9) on line 4, after three characters of that line.
    try course.writeData(Data("# B\n\nline three\ncaf".utf8) + Data([0xE9]) + Data(" here\n".utf8), to: "01-m/02-b.md")
    // A file name with a Latin-1 byte, written through the C API (Foundation paths are always UTF-8).
    let badName = Array((course.url.path + "/01-m/04-caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
    let descriptor = badName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
    #expect(descriptor >= 0)
    close(descriptor)
    try FileManager.default.createSymbolicLink(atPath: course.url.path + "/01-m/05-loop.md", withDestinationPath: "05-loop.md")
    let result = try Loader.load(course.url)
    #expect(lines(result) == [
        "01-m/01-a.md:3:1: error: path 'file:///etc/passwd' is a local file outside the course folder",
        "01-m/01-a.md:3:38: error: path 'FILE:///tmp/x.pdf' is a local file outside the course folder",
        "01-m/02-b.md:4:4: error: file is not valid UTF-8 text (byte 0xE9)",
        "01-m/04-caf\u{FFFD}.md:1:1: warning: the name of '01-m/04-caf\u{FFFD}.md' is not valid UTF-8; it is left out of the course",
        "01-m/05-loop.md:1:1: warning: '01-m/05-loop.md' is a symbolic link that does not resolve (it points to itself or to nothing); it is left out",
        "course.yaml:3:8: error: theme '/etc' is not a theme name",
    ])
    #expect(result.course.theme == nil)
}
