import Foundation
import LecternTesting
import Testing

@Test func brokenLinkIsReportedAtItsPositionWithAHint() throws {
    let result = try runLectern("check", fixture("broken-link").path)
    #expect(result.exitCode == 1)
    let prefix = fixture("broken-link").path
    // The line editors jump to, the source line with a caret under the column, and the hint (as rustc shows them).
    #expect(result.stderr.contains("""
        \(prefix)/01-basics/01-first.md:3:7: error: link target '02-secnd.md' does not exist
          |
        3 | Go to [the second lesson](02-secnd.md), then
          |       ^
          = hint: did you mean '02-second.md'?
        """))
    #expect(result.stderr.hasSuffix("checked 1 course: 3 errors, 1 warning\n"))
    #expect(result.stdout.isEmpty)
}

@Test func pathsAreRelativeToTheFolderAsTyped() throws {
    let result = try runLectern("check", "four-problems", in: fixture("four-problems").deletingLastPathComponent())
    #expect(result.exitCode == 1)
    let lines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(lines.map { String($0.prefix { $0 != " " }) } == [
        "four-problems/01-basics/01-intro.md:3:1:",
        "four-problems/01-basics/01-intro.md:5:7:",
        "four-problems/01-basics/02-quiz.quiz.yaml:4:13:",
        "four-problems/course.yaml:2:1:",
    ])
}

@Test func jsonFormatIsMachineReadable() throws {
    let result = try runLectern("check", "--format", "json", "missing-title", in: fixture("missing-title").deletingLastPathComponent())
    #expect(result.exitCode == 1)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["errors"] as? Int == 1 && document["warnings"] as? Int == 0)
    let first = try #require((document["diagnostics"] as? [[String: Any]])?.first)
    #expect(first["path"] as? String == "missing-title/course.yaml")
    #expect(first["line"] as? Int == 1 && first["column"] as? Int == 1)
    #expect(first["severity"] as? String == "error")
    #expect(first["message"] as? String == "missing required key 'title'")
}

@Test func warningsFailOnlyWhenStrict() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Warned\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# X\n\n![](pic.svg)\n",
        "01-a/pic.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ])
    #expect(try runLectern("check", course.url.path).exitCode == 0)
    let strict = try runLectern("check", "--strict", course.url.path)
    #expect(strict.exitCode == 1)
    #expect(strict.stderr.contains("01-a/01-x.md:3:1: warning: image 'pic.svg' has no alt text"))
}

@Test func cleanCourseExitsZero() throws {
    let result = try runLectern("check", fixture("minimal-course").path)
    #expect(result.exitCode == 0)
    #expect(result.stderr == "checked 1 course: 0 errors, 0 warnings\n")
}

@Test func everySampleCourseIsCleanEvenWhenStrict() throws {
    let samples = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("SampleCourses").path)
        .filter { !$0.hasPrefix(".") }.sorted()
    #expect(samples.count >= 3)
    let result = try runLectern(["check", "--strict"] + samples.map { sampleCourse($0).path })
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr == "checked \(samples.count) courses: 0 errors, 0 warnings\n")
}

@Test func missingFolderFails() throws {
    let result = try runLectern("check", "/nonexistent/course")
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("lectern check: no such folder: /nonexistent/course"))
}

@Test func usageErrorsExitSixtyFour() throws {
    let unknownOption = try runLectern("check", "--formt", "json", ".")
    #expect(unknownOption.exitCode == 64)
    #expect(unknownOption.stderr.contains("unknown option '--formt' (did you mean '--format'?)"))
    let unknownCommand = try runLectern("chek")
    #expect(unknownCommand.exitCode == 64 && unknownCommand.stderr.contains("did you mean 'check'?"))
    #expect(try runLectern("check").exitCode == 64)
    #expect(try runLectern().exitCode == 64)
}

@Test func excerptsLineUpCaretsAndNeverPrintControlCharacters() throws {
    let long = String(repeating: "word ", count: 60)
    let course = try TemporaryCourse([
        "course.yaml": "title: Excerpts\n",
        // A tab and accented letters before the column; an escape sequence that must not reach the terminal.
        "01-a/01-x.md": "# X\n\nÉlève:\t[a](nope.md) \u{1B}[31mred\n\n\(long)[far](gone.md) \(long)\n",
    ])
    let result = try runLectern("check", course.url.path)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("""
        01-a/01-x.md:3:8: error: link target 'nope.md' does not exist
          |
        3 | Élève:    [a](nope.md) \\u{1b}[31mred
          |           ^
        """), "\(result.stderr)")
    #expect(!result.stderr.contains("\u{1B}"))
    // A long line is cut to a window around the column, and the caret still points at the link.
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let at = try #require(lines.firstIndex { $0.contains("link target 'gone.md'") })
    let shown = lines[at + 2], caret = lines[at + 3]
    #expect(shown.hasPrefix("5 | …") && shown.hasSuffix("…") && shown.count < 120, "\(shown)")
    let column = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
    #expect(shown.utf16.count > column && Array(shown)[column] == "[", "\(shown)\n\(caret)")
}
