import Foundation

/// `lectern new DIR`: writes a small working course to start from.
enum NewCommand: Command {
    static let name = "new"
    static let summary = "create a new course folder that passes 'lectern check'"
    static let help = """
    Usage: lectern new DIR [--title TITLE]

    Creates DIR with a course.yaml, one module with two lessons, a quiz and an
    image, all commented, ready for 'lectern check DIR'. DIR must not exist or be empty.

    Options:
      --title TITLE  the course title (default: from the folder name)
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--title"])
        guard arguments.positionals.count == 1, let folder = arguments.positionals.first else {
            throw UsageError("name exactly one folder to create")
        }
        let url = URL(fileURLWithPath: folder)
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: url.path), !existing.isEmpty {
            Output.error("lectern new: '\(folder)' already exists and is not empty")
            return ExitCode.failure
        }
        let title = arguments.options["--title"] ?? Scaffold.title(fromFolderName: url.lastPathComponent)
        do {
            for (path, contents) in Scaffold.files(title: title) {
                let file = url.appendingPathComponent(path)
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: file, options: .atomic)
            }
        } catch {
            Output.error("lectern new: cannot write '\(folder)': \(error.localizedDescription)")
            return ExitCode.failure
        }
        Output.print("Created the course '\(title)' in \(folder).\nNext: lectern check \(shellQuoted(folder))")
        return ExitCode.ok
    }
}

/// A path as a POSIX shell reads it back: left as it is when it is only safe characters, else in single
/// quotes (a quote inside becomes '\'').
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%=")
    if !text.isEmpty, text.allSatisfy({ safe.contains($0) }) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
