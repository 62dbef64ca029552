import Foundation
import LecternTesting
import Testing

@Test func newCourseFolderPassesCheck() throws {
    let parent = try TemporaryCourse([:], name: "unused")
    let folder = parent.url.deletingLastPathComponent().appendingPathComponent("my-first-course")
    let created = try runLectern("new", folder.path)
    #expect(created.exitCode == 0)
    #expect(created.stdout.contains("Created the course 'My first course'"))
    let checked = try runLectern("check", "--strict", folder.path)
    #expect(checked.exitCode == 0, "\(checked.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("01-getting-started/03-check-your-understanding.quiz.yaml").path))
}

@Test func newRefusesANonEmptyFolder() throws {
    let course = try TemporaryCourse(["course.yaml": "title: Existing\n"])
    let result = try runLectern("new", course.url.path)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("already exists and is not empty"))
    #expect(try String(contentsOf: course.url.appendingPathComponent("course.yaml"), encoding: .utf8) == "title: Existing\n")
}

@Test func newQuotesTitlesForYAML() throws {
    let parent = try TemporaryCourse([:], name: "unused")
    let folder = parent.url.deletingLastPathComponent().appendingPathComponent("quoted")
    #expect(try runLectern("new", folder.path, "--title", "Python: \"loops\" # and more").exitCode == 0)
    let checked = try runLectern("check", "--format", "json", folder.path)
    #expect(checked.exitCode == 0, "\(checked.stdout)")
}

@Test func helpAndVersion() throws {
    let help = try runLectern("--help")
    #expect(help.exitCode == 0 && help.stdout.contains("Usage: lectern <command>") && help.stdout.contains("check"))
    let checkHelp = try runLectern("check", "--help")
    #expect(checkHelp.exitCode == 0 && checkHelp.stdout.contains("Usage: lectern check DIR..."))
    #expect(try runLectern("help", "new").stdout.contains("Usage: lectern new DIR"))
    let version = try runLectern("--version")
    #expect(version.exitCode == 0 && version.stdout.hasPrefix("lectern "))
    // Help for a command that does not exist is a usage error, with a suggestion.
    let unknown = try runLectern("help", "chek")
    #expect(unknown.exitCode == 64 && unknown.stderr.contains("unknown command 'chek' (did you mean 'check'?)"), "\(unknown.stderr)")
}

@Test func checkingAFolderThatIsNotThereIsAnErrorInTheSummary() throws {
    let result = try runLectern("check", "/nonexistent-lectern-folder")
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("lectern check: no such folder: /nonexistent-lectern-folder"))
    #expect(result.stderr.contains("checked 0 courses (1 folder could not be read): 1 error, 0 warnings"), "\(result.stderr)")
}

@Test func newSuggestsACommandThatWorksAsTyped() throws {
    let scratch = try TemporaryCourse(["keep": ""], name: "scratch")
    let result = try runLectern(["new", "My Course"], in: scratch.url)
    #expect(result.exitCode == 0)
    #expect(result.stdout.contains("Next: lectern check 'My Course'"), "\(result.stdout)")
    let check = try runLectern(["check", "My Course"], in: scratch.url)
    #expect(check.exitCode == 0, "\(check.stderr)")
}
