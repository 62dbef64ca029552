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
           lectern db orphans DIR... [--db lectern.db|postgres://…]

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

    orphans lists, as CSV, the records (progress, attempts, enrollments, grades,
    certificates, reviews) that name a course, lesson or quiz the course folders
    DIR... no longer have: a renamed slug or id, a removed lesson. Nothing is
    deleted; giving the item back its id brings its records back.
    """

    /// Names of the backups written into a folder: they sort by time, and rotation removes nothing else.
    static let backupPattern = #"^lectern-[0-9]{8}-[0-9]{6}\.[0-9]{3}\.db$"#

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db", "--keep"])
        if arguments.positionals.first == "migrate-to" { return try migrate(arguments) }
        if arguments.positionals.first == "reload" { return try reload(arguments) }
        if arguments.positionals.first == "orphans" { return try orphans(arguments) }
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

extension Command {
    /// `--db` when it names a PostgreSQL server or an SQLite file that exists; otherwise says so and is nil.
    /// Opening a missing file would make an empty database, and a command on it would look like it worked.
    static func existingDatabase(_ arguments: Arguments, command: String) -> String? {
        let database = arguments.options["--db"] ?? "lectern.db"
        guard Store.isPostgres(database) || FileManager.default.fileExists(atPath: database) else {
            Output.error("lectern \(command): \(database) does not exist")
            return nil
        }
        return database
    }
}

extension DatabaseCommand {
    static func orphans(_ arguments: Arguments) throws -> Int32 {
        let folders = Array(arguments.positionals.dropFirst())
        guard !folders.isEmpty else { throw UsageError("use: lectern db orphans DIR... [--db lectern.db|postgres://…] (the course folders served)") }
        guard let database = existingDatabase(arguments, command: "db") else { return ExitCode.failure }
        // The courses as `lectern serve` would serve them: drafts left out.
        guard let sources = CourseLoading.load(folders, includeDrafts: false, command: "db orphans") else { return ExitCode.failure }
        do {
            let found = try Store(path: database).orphans(in: sources.map(\.course))
            Output.print(CSVWriter.table(["kind", "course", "id", "records", "learners"], found.map {
                [$0.kind, $0.course, $0.item ?? "", String($0.records), String($0.learners)]
            }))
            Output.error(found.isEmpty ? "no records name a course, lesson or quiz these courses lack"
                                       : "\(found.count) course\(found.count == 1 ? "" : "s"), lessons or quizzes have records but are not in these courses")
            return ExitCode.ok
        } catch {
            Output.error("lectern db: \(error)")
            return ExitCode.failure
        }
    }

    static func reload(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positionals == ["reload"] else { throw UsageError("use: lectern db reload [--db lectern.db|postgres://…]") }
        guard let database = existingDatabase(arguments, command: "db") else { return ExitCode.failure }
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
    static let summary = "export learners' progress as CSV or JSON, or as xAPI statements"
    static let help = """
    Usage: lectern export progress [--format csv|json] [--class CLASS] [--db lectern.db]
           lectern export xapi [DIR...] [--home-page URL] [--db lectern.db]

    progress prints one row per completed lesson and per quiz (its best score):
    username, email, course, kind (lesson|quiz), item, score, at (seconds since 1970).
    --class keeps the members of one class (its name or id).

    xapi prints every lesson completion and quiz attempt as xAPI 1.0.3 statements
    (a JSON array): completed, attempted, passed or failed with the score and
    duration, and answered for each question. Learners are accounts on --home-page
    (the server's public URL; default http://<this machine's name>/), activities
    are named <home-page>xapi/activities/<course>/<id>; with the course folders
    DIR... they carry the titles too. Ids come from the events, so exporting again
    gives the same statements.
    """

    static func run(_ words: [String]) throws -> Int32 {
        let arguments = try Arguments(words, options: ["--db", "--format", "--class", "--home-page"])
        if arguments.positionals.first == "xapi" { return try exportXAPI(arguments) }
        guard arguments.positionals == ["progress"] else { throw UsageError("use: lectern export progress, or lectern export xapi") }
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
