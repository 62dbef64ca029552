/// A `lectern` subcommand: its name, help and what it does.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full help text.
    static var help: String { get }
    /// Runs with the words after the command name.
    /// - Returns: the exit code.
    /// - Throws: `UsageError` for arguments that make no sense (exit 64); anything else fails with exit 1.
    static func run(_ arguments: [String]) throws -> Int32
}

/// A mistake in how a command was called.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A command as the dispatcher sees it: plain values rather than protocol metatypes.
struct CommandEntry: Sendable {
    var name: String
    var summary: String
    var help: String
    var run: @Sendable ([String]) throws -> Int32
}

extension Command {
    static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, help: help, run: { try run($0) })
    }
}
