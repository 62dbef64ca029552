internal import CSQLite
import Foundation

/// An open SQLite database in WAL mode with foreign keys on. Not Sendable: one owner (an actor or a
/// single thread) uses it.
public final class Connection {
    let handle: OpaquePointer
    /// Prepared statements by SQL text: compiling is a large part of a small query's cost.
    private var statements: [String: Statement] = [:]
    /// What `onRowChange` calls, kept alive as long as the hook is installed.
    var changeHandler: ChangeHandler?

    /// Opens (creating when needed) the database at `path`.
    /// - Throws: `SQLiteError` with SQLite's message.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        if !readOnly { try Self.makePrivate(path) }
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            // "A database connection handle is usually returned in *ppDb, even if an error occurs" (sqlite3_open):
            // read its message, then close it.
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close(db)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        handle = db
        sqlite3_busy_timeout(db, 5000)
        try execute("PRAGMA foreign_keys = ON")
        if !readOnly {
            try execute("PRAGMA journal_mode = WAL")
            // WAL + FULL syncs the log at every commit: an answered write survives a crash and a power cut
            // (kiosks lose power); bench/serve.sh still measures over 10,000 commits/s.
            try execute("PRAGMA synchronous = FULL")
        }
    }

    private var closed = false

    /// Checkpoints the write-ahead log into the database file and closes it, so a stopped server leaves
    /// one complete file behind. Further use throws.
    public func close() {
        guard !closed else { return }
        _ = try? execute("PRAGMA wal_checkpoint(TRUNCATE)")
        statements.removeAll()
        sqlite3_update_hook(handle, nil, nil)
        changeHandler = nil
        closed = true
        sqlite3_close_v2(handle)
    }

    deinit { close() }

    /// Runs statements without results (several separated by `;`).
    public func execute(_ sql: String) throws(SQLiteError) {
        guard !closed else { throw SQLiteError(code: 21, message: "the database is closed", sql: sql) }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, sql: sql)
        }
    }

    /// Prepares a statement, or returns the one prepared before for the same SQL (reset, ready to bind).
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        guard !closed else { throw SQLiteError(code: 21, message: "the database is closed", sql: sql) }
        if let statement = statements[sql] { return statement }
        let statement = try Statement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Whether a transaction is open: false again after SQLite rolled one back by itself, as it does on
    /// some errors (disk full, I/O error, out of memory), whatever savepoints were inside it.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The row id of the last insert.
    public var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The schema version stored in the database file (`PRAGMA user_version`).
    public var userVersion: Int {
        get { (try? prepare("PRAGMA user_version").first { $0.int(0) }) ?? 0 }
    }

    /// Copies the whole database into a new file with SQLite's online backup API, while others keep writing.
    public func backup(to path: String) throws(SQLiteError) {
        let target = try Connection(path: path)
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_errcode(target.handle), message: String(cString: sqlite3_errmsg(target.handle)), sql: nil)
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, 256)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else { throw SQLiteError(code: code, message: String(cString: sqlite3_errstr(code)), sql: nil) }
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

@available(*, unavailable) extension Connection: Sendable {}
