import CourseModel
import Foundation

/// `lectern check DIR...`: loads courses and reports every problem.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "check course folders and report every problem"
    static let help = """
    Usage: lectern check DIR... [--format text|json] [--strict] [--offline]

    Loads each course folder and reports every problem found as
    'path:line:column: error|warning: message', with a hint when there is one.

    Options:
      --format text|json  how to print diagnostics (json goes to standard output)
      --strict            fail on warnings too
      --offline           refuse video and audio on the web (for kiosks without internet)

    Exit status: 0 when no errors (and, with --strict, no warnings), 1 otherwise,
    64 for a usage error.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, flags: ["--strict", "--offline"], options: ["--format"])
        let format = arguments.options["--format"] ?? "text"
        guard ["text", "json"].contains(format) else { throw UsageError("--format must be 'text' or 'json', not '\(format)'") }
        guard !arguments.positionals.isEmpty else { throw UsageError("name at least one course folder") }

        var report = DiagnosticReport()
        var unreadable = 0
        var notes: [String] = []
        for folder in arguments.positionals {
            do {
                let options = LoadOptions(offline: arguments.flags.contains("--offline"), uiLanguages: CourseLoading.uiLanguages)
                let result = try Loader.load(URL(fileURLWithPath: folder), options: options)
                report.add(result.diagnostics, courseFolder: folder)
                if result.course.visibility == .enrolled { notes.append(CourseLoading.visibilityNote(folder)) }
            } catch {
                Output.error("lectern check: \(error.message)")
                unreadable += 1
            }
        }
        if format == "json" {
            Output.print(report.json())
        } else {
            for note in notes { Output.error(note) }
            Output.error(report.text(courses: arguments.positionals.count - unreadable, unreadable: unreadable))
        }
        let failed = unreadable > 0 || report.errors > 0 || (arguments.flags.contains("--strict") && report.warnings > 0)
        return failed ? ExitCode.failure : ExitCode.ok
    }
}
