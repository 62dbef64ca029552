import CSV
import Foundation
import Server

/// `lectern db backup FILE`: a consistent copy of a running server's database; `lectern db migrate-to URL`:
/// a kiosk's SQLite database copied into PostgreSQL; `lectern db reload`: every server on it reloads its courses.
enum DatabaseCommand: Command {
    static let name = "db"
    static let summary = "back up a server's database, move it to PostgreSQL, or reload the courses of its servers"
    static let help = """
    Usage: lectern db backup FILE|DIR/ [--keep N] [--db lectern.db]
           lectern db migrate-to postgres://… [--db lectern.db]
           lectern db reload [--db lectern.db|postgres://…]

    backup copies the database with SQLite's online backup API: safe while
    'lectern serve' keeps writing, and the copy is a complete, consistent database.
    Given a folder (an existing one, or a name ending in '/'), it writes
    DIR/lectern-YYYYMMDD-HHMMSS.mmm.db (UTC); with --keep N, it then removes the oldest
    such backups in DIR beyond the newest N (other files are never touched).
    (On PostgreSQL, back up with pg_dump.)

    migrate-to copies every table of a (stopped) kiosk's SQLite database into an
    empty PostgreSQL database, ids kept, in one transaction, then prints each
    table's rows and checksum as read back from both; it fails unless all match.
    The token secret is not copied: signed-in learners sign in again.

    reload asks every 'lectern serve' on the database to load its course folders
    again (within 2 seconds), as SIGHUP to one of them does: update the course
    files on every machine first. /api/v1/ready reports the reload each has done.
    """

    /// Names of the backups written into a folder: they sort by time, and rotation removes nothing else.
    static let backupPattern = #"^lectern-[0-9]{8}-[0-9]{6}\.[0-9]{3}\.db$"#

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db", "--keep"])
        if arguments.positionals.first == "migrate-to" { return try migrate(arguments) }
        if arguments.positionals.first == "reload" { return try reload(arguments) }
        guard arguments.positionals.count == 2, arguments.positionals[0] == "backup" else {
            throw UsageError("use: lectern db backup FILE|DIR/, lectern db migrate-to postgres://…, or lectern db reload")
        }
        var target = arguments.positionals[1]
        var isFolder: ObjCBool = false
        let intoFolder = target.hasSuffix("/") || (FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) && isFolder.boolValue)
        var keep: Int?
        if let text = arguments.options["--keep"] {
            guard let number = Int(text), number >= 1 else { throw UsageError("--keep must be a number of backups, 1 or more") }
            guard intoFolder else { throw UsageError("--keep needs a folder to rotate in: lectern db backup DIR/ --keep \(number)") }
            keep = number
        }
        let database = arguments.options["--db"] ?? "lectern.db"
        if Store.isPostgres(database) {
            Output.error("lectern db backup copies a SQLite database; back up PostgreSQL with pg_dump")
            return ExitCode.failure
        }
        // Opening would make an empty database, and the backup of nothing would look like a good one.
        guard FileManager.default.fileExists(atPath: database) else {
            Output.error("lectern db: \(database) does not exist")
            return ExitCode.failure
        }
        let folder = URL(fileURLWithPath: target)
        if intoFolder {
            let format = DateFormatter()
            format.locale = Locale(identifier: "en_US_POSIX")
            format.timeZone = TimeZone(identifier: "UTC")
            format.dateFormat = "yyyyMMdd-HHmmss.SSS"
            target = folder.appendingPathComponent("lectern-\(format.string(from: Date())).db").path
        }
        guard !FileManager.default.fileExists(atPath: target) else {
            Output.error("lectern db: \(target) exists; choose a new file")
            return ExitCode.failure
        }
        do {
            if intoFolder { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            try Store(path: database).backup(to: target)
            Output.print("backed up to \(target)")
            if let keep {
                let backups = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                    .filter { $0.range(of: backupPattern, options: .regularExpression) != nil }.sorted()
                for old in backups.dropLast(keep) {
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(old))
                    Output.print("removed \(folder.appendingPathComponent(old).path)")
                }
            }
            return ExitCode.ok
        } catch {
            Output.error("lectern db: \(error)")
            return ExitCode.failure
        }
    }
}

extension DatabaseCommand {
    static func reload(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals == ["reload"] else { throw UsageError("use: lectern db reload [--db lectern.db|postgres://…]") }
        let database = arguments.options["--db"] ?? "lectern.db"
        // Opening a missing file would make an empty database no server reads.
        guard Store.isPostgres(database) || FileManager.default.fileExists(atPath: database) else {
            Output.error("lectern db: \(database) does not exist")
            return ExitCode.failure
        }
        do {
            let request = try Store(path: database).requestCourseReload(by: "lectern db reload by \(NSUserName()) on \(ProcessInfo.processInfo.hostName)")
            Output.print("reload request \(request) recorded: every lectern serve on \(Store.withoutPassword(database)) reloads its courses within "
                         + "\(Int(ServeCommand.reloadPollSeconds)) seconds (see courses_reload in /api/v1/ready, and each server's log)")
            return ExitCode.ok
        } catch {
            Output.error("lectern db: \(error)")
            return ExitCode.failure
        }
    }

    static func migrate(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals.count == 2, Store.isPostgres(arguments.positionals[1]) else {
            throw UsageError("use: lectern db migrate-to postgres://user@host/dbname [--db lectern.db]")
        }
        let source = arguments.options["--db"] ?? "lectern.db"
        guard !Store.isPostgres(source) else { throw UsageError("--db names the SQLite database to copy from") }
        guard FileManager.default.fileExists(atPath: source) else {
            Output.error("lectern db: no database \(source)")
            return ExitCode.failure
        }
        do {
            let tables = try Store(path: source).copyEverything(to: try Store(path: arguments.positionals[1]))
            Output.print(CSVWriter.table(["table", "rows", "checksum", "copied rows", "copied checksum", "match"], tables.map {
                [$0.table, String($0.sourceRows), $0.sourceChecksum, String($0.targetRows), $0.targetChecksum, $0.matches ? "yes" : "NO"]
            }))
            guard tables.allSatisfy(\.matches) else {
                Output.error("lectern db: the copy differs from \(source) (see the tables marked NO)")
                return ExitCode.failure
            }
            Output.print("copied \(tables.reduce(0) { $0 + $1.sourceRows }) rows of \(tables.count) tables into \(Store.withoutPassword(arguments.positionals[1]))")
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
    Usage: lectern export progress [--format csv|json] [--class CLASS] [--db lectern.db]

    Prints one row per completed lesson and per quiz (its best score):
    username, email, course, kind (lesson|quiz), item, score, at (seconds since 1970).
    --class keeps the members of one class (its name or id).
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db", "--format", "--class"])
        guard arguments.positionals == ["progress"] else { throw UsageError("use: lectern export progress") }
        let format = arguments.options["--format"] ?? "csv"
        guard ["csv", "json"].contains(format) else { throw UsageError("--format must be csv or json") }
        do {
            let store = try Store(path: arguments.options["--db"] ?? "lectern.db")
            let classID = try arguments.options["--class"].map { try ClassesCommand.classroom($0, store).id }
            let rows = try store.progressExport(classID: classID)
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
