import CourseModel
import Foundation

/// The `lectern` command line: dispatches to one `Command` per subcommand.
public enum LecternCLI {
    public static let version = "0.1.0"

    static let commands: [CommandEntry] = [CheckCommand.entry, NewCommand.entry, BuildCommand.entry, PreviewCommand.entry, PackageCommand.entry, ServeCommand.entry, DoctorCommand.entry, UsersCommand.entry, ClassesCommand.entry, DatabaseCommand.entry, ExportCommand.entry]

    /// Runs the command line and returns the process exit code: 0 ok, 1 failed, 64 usage error.
    public static func main(_ arguments: [String]) -> Int32 {
        let words = Array(arguments.dropFirst())
        guard let first = words.first else {
            Output.error(usage)
            return ExitCode.usage
        }
        switch first {
        case "--help", "-h", "help":
            guard words.count > 1 else {
                Output.print(usage)
                return ExitCode.ok
            }
            guard let command = command(named: words[1]) else { return unknownCommand(words[1]) }
            Output.print(command.help)
            return ExitCode.ok
        case "--version", "-V":
            Output.print("lectern \(version)")
            return ExitCode.ok
        default:
            break
        }
        guard let command = command(named: first) else { return unknownCommand(first) }
        let rest = Array(words.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            Output.print(command.help)
            return ExitCode.ok
        }
        do {
            return try command.run(rest)
        } catch let error as UsageError {
            Output.error("lectern \(command.name): \(error.message)\nRun 'lectern help \(command.name)' for usage.")
            return ExitCode.usage
        } catch {
            Output.error("lectern \(command.name): \(error)")
            return ExitCode.failure
        }
    }

    /// A usage error naming the closest command.
    static func unknownCommand(_ name: String) -> Int32 {
        let suggestion = DidYouMean.suggestion(for: name, in: commands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
        Output.error("lectern: unknown command '\(name)'\(suggestion)\nRun 'lectern --help' for the list of commands.")
        return ExitCode.usage
    }

    static func command(named name: String) -> CommandEntry? {
        commands.first { $0.name == name }
    }

    static var usage: String {
        let width = commands.map { $0.name.count }.max() ?? 0
        let list = commands.map { "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)" }
        return """
        lectern \(version): courses kept as code

        Usage: lectern <command> [options]

        Commands:
        \(list.joined(separator: "\n"))

        Options:
          -h, --help     show help (also 'lectern help <command>')
          -V, --version  show the version

        """
    }
}

/// Exit codes shared by every command.
enum ExitCode {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    /// sysexits' EX_USAGE.
    static let usage: Int32 = 64
}
