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

/// The README's command synopsis names every command, and for each the same options (or, for `users`,
/// the same subcommands) as `lectern help COMMAND` prints: the two cannot drift apart.
@Test func readmeSynopsisMatchesHelp() throws {
    let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "## The command line").dropFirst().first)
    let synopsis = try #require(section.components(separatedBy: "```").dropFirst().first)
    let listed = try runLectern("help")
    let commands = listed.stdout.components(separatedBy: "Commands:\n").last!.components(separatedBy: "\n\n").first!
        .split(separator: "\n").map { String($0.split(separator: " ").first!) }
    #expect(commands.count >= 9)

    /// Words of the lines starting with `lectern COMMAND` (a line may hold two commands; continuation
    /// lines belong to the command above).
    func words(of command: String, in text: String) -> [String] {
        var result: [String] = [], current: String?
        for line in text.split(separator: "\n") {
            let parts = line.replacingOccurrences(of: "Usage:", with: "").split(separator: " ").map(String.init)
            var index = 0
            while index < parts.count {
                if parts[index] == "lectern", index + 1 < parts.count {
                    current = parts[index + 1]
                    index += 2
                    continue
                }
                if current == command { result.append(parts[index]) }
                index += 1
            }
        }
        return result
    }
    func options(_ words: [String]) -> Set<String> {
        Set(words.flatMap { $0.split(whereSeparator: { "[]|".contains($0) }) }.map(String.init).filter { $0.hasPrefix("--") })
    }
    for command in commands {
        let help = try runLectern("help", command)
        #expect(help.exitCode == 0)
        let usage = help.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("Usage:") } ?? ""
        let documented = words(of: command, in: synopsis), printed = words(of: command, in: usage)
        #expect(!documented.isEmpty, "README's synopsis lacks 'lectern \(command)'")
        if command == "users" {
            // The word after `lectern users` on each usage line.
            let subcommands = Set(usage.split(separator: "\n").compactMap { line -> [String]? in
                let parts = line.split(separator: " ").map(String.init)
                guard let at = parts.firstIndex(of: "users"), at + 1 < parts.count else { return nil }
                return parts[at + 1].split(separator: "|").map(String.init)
            }.joined())
            let readmeSubcommands = Set(documented.first!.split(separator: "|").map(String.init))
            #expect(subcommands.isSubset(of: readmeSubcommands) && readmeSubcommands.isSubset(of: subcommands),
                    "users: README \(readmeSubcommands.sorted()) vs help \(subcommands.sorted())")
        } else {
            #expect(options(documented) == options(printed), "\(command): README \(options(documented).sorted()) vs help \(options(printed).sorted())")
        }
    }
}
