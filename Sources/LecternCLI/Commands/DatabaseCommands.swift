import CSV
import Foundation
import Server

/// `lectern db backup FILE`: a consistent copy of a running server's database.
enum DatabaseCommand: Command {
    static let name = "db"
    static let summary = "back up a server's database while it runs"
    static let help = """
    Usage: lectern db backup FILE [--db lectern.db]

    Copies the database with SQLite's online backup API: safe while 'lectern serve'
    keeps writing, and the copy is a complete, consistent database.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db"])
        guard arguments.positionals.count == 2, arguments.positionals[0] == "backup" else { throw UsageError("use: lectern db backup FILE") }
        let target = arguments.positionals[1]
        guard !FileManager.default.fileExists(atPath: target) else {
            Output.error("lectern db: \(target) exists; choose a new file")
            return ExitCode.failure
        }
        do {
            try Store(path: arguments.options["--db"] ?? "lectern.db").backup(to: target)
            Output.print("backed up to \(target)")
            return ExitCode.ok
        } catch {
            Output.error("lectern db: \(error)")
            return ExitCode.failure
        }
    }
}

/// `lectern export progress`: what learners did, for a spreadsheet or another system.
enum ExportCommand: Command {
    static let name = "export"
    static let summary = "export learners' progress as CSV or JSON"
    static let help = """
    Usage: lectern export progress [--format csv|json] [--db lectern.db]

    Prints one row per completed lesson and per quiz (its best score):
    username, email, course, kind (lesson|quiz), item, score, at (seconds since 1970).
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db", "--format"])
        guard arguments.positionals == ["progress"] else { throw UsageError("use: lectern export progress") }
        let format = arguments.options["--format"] ?? "csv"
        guard ["csv", "json"].contains(format) else { throw UsageError("--format must be csv or json") }
        do {
            let rows = try Store(path: arguments.options["--db"] ?? "lectern.db").progressExport()
            if format == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Output.print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            } else {
                Output.print(CSVWriter.table(["username", "email", "course", "kind", "item", "score", "at"], rows.map { row in
                    [row.username, row.email, row.course, row.kind, row.item, CSVWriter.number(row.score), Timestamp.text(row.at)]
                }))
            }
            return ExitCode.ok
        } catch {
            Output.error("lectern export: \(error)")
            return ExitCode.failure
        }
    }
}
