import Foundation
import Postgres
import SQLite
import Synchronization

/// The server's database: an SQLite file (a kiosk, the default) or a PostgreSQL server shared by several
/// instances (`postgres://…`). The same queries run on both (see `Database`); every write in a
/// transaction. Domain methods keep the SQL in this folder.
///
/// On SQLite: one writing connection, used by one group of writes at a time (SQLite serializes writes
/// anyway), read-only connections for reads, and caches kept true by a change hook and the data version.
/// On PostgreSQL: a few connections, each write a SERIALIZABLE transaction, and no caches (other
/// instances change the same rows).
public final class Store: @unchecked Sendable {
    /// PostgreSQL's connections; nil for SQLite.
    let pool: DatabasePool?
    /// The SQLite writer, for what only SQLite has (integrity check, online backup); nil for PostgreSQL.
    let sqlite: SQLite.Connection?
    /// `sqlite` as the store's queries see it.
    let writer: SQLiteDatabase?
    /// Read-only SQLite connections: reads never wait for a commit being synced.
    let readers: ReaderPool?
    /// Accounts as last read, for checking tokens without a query; kept true by the writer's change hook.
    let accounts = AccountCache()
    /// Commits counted, for the stamps of cached answers (`changeStamp(of:)`).
    let changes = ChangeLog()
    /// A read-only SQLite connection that only asks whether anyone committed (`PRAGMA data_version`), with
    /// its own lock: asked by every cached answer, it must not wait for the writer or the readers.
    let watch: SQLite.Connection?
    let watchLock = NSLock()
    /// `watch`'s data version when last looked at, and the writer's (which its own commits leave alone);
    /// guarded by `watchLock`.
    var lastDataVersion: Int?
    var lastWriterVersion: Int?
    /// The WAL index's change counter, read without a lock: while it still equals `seenCounter` nobody has
    /// committed since the data version was last looked at, and the caches need no query to be trusted.
    let walHeader: WALIndexHeader?
    /// The counter as it was when the data version was last looked at (`UInt64.max`: never); stored
    /// under `watchLock` after the caches were told of what that look found.
    let seenCounter = Atomic<UInt64>(.max)
    /// A lock, not a `Mutex<Connection>`: the connection is lent to the caller's closure, and the region
    /// checker refuses to let a mutex's value meet a non-Sendable closure. Also guards `damage`.
    let lock = NSLock()
    /// The SQLite file, or the PostgreSQL URL.
    public let path: String
    /// Bytes that must stay free on the database's file system for `/api/v1/ready` to say ready.
    public let minimumFreeBytes: Int64
    /// What the integrity check at start found to be wrong; guarded by `lock`.
    var damage: String?

    /// Whether `--db` names a PostgreSQL server rather than an SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    public var dialect: String { sqlite == nil ? "postgres" : "sqlite" }

    /// Opens the database and applies the migrations it has not seen.
    /// - Parameters:
    ///   - path: an SQLite file, or a `postgres://` URL.
    ///   - minimumFreeBytes: below this much free disk space the server reports itself not ready (SQLite).
    ///   - connections: PostgreSQL connections this process keeps open.
    public init(path: String, minimumFreeBytes: Int64 = 64 << 20, connections: Int = 4) throws {
        self.path = path
        self.minimumFreeBytes = minimumFreeBytes
        if Self.isPostgres(path) {
            let first = try PostgresDatabase(url: path)
            try Schema.postgres.apply(to: first.connection)
            var databases: [any Database] = [first]
            for _ in 1..<max(connections, 1) { databases.append(try PostgresDatabase(url: path)) }
            pool = DatabasePool(databases)
            (sqlite, writer, readers, watch, walHeader) = (nil, nil, nil, nil, nil)
        } else {
            let connection = try SQLite.Connection(path: path)
            try Schema.migrations.apply(to: connection)
            pool = nil
            sqlite = connection
            writer = SQLiteDatabase(connection)
            readers = try ReaderPool(path: path)
            let watch = try SQLite.Connection(path: path, readOnly: true)
            self.watch = watch
            walHeader = WALIndexHeader(databasePath: path)
            // Where the caches start from: a commit after these, by anyone, is noticed.
            lastDataVersion = try watch.dataVersion
            lastWriterVersion = try connection.dataVersion
            connection.onRowChange { [accounts] table, row in
                if table == "user" { accounts.rowChanged(Int(row)) }
            }
        }
        if writer != nil {
            // Weak: the committer thread must not keep a store nobody uses open (it stops in `deinit`).
            commits.start { [weak self] group in
                guard let self else {
                    for member in group { member.failure = CommitGroup.Stopped() }
                    return
                }
                lock.withLock { commitGroup(group) }
            }
        }
        // A damaged page can break this pass over older accounts: the server still starts, and reports
        // itself not ready (the integrity check says why), rather than leaving the kiosk down.
        do {
            try foldIdentities()
        } catch {
            damage = "older accounts' names could not be checked: \(error)"
        }
    }

    /// Writes that wait while a commit is synced, to be committed together (`CommitGroup`); SQLite only.
    let commits = CommitGroup()

    deinit { commits.stop() }

    /// Runs `body` inside a transaction, and returns once that transaction is durable. On SQLite,
    /// concurrent writes share one transaction and one fsync (group commit), each in its own savepoint:
    /// a write that throws is rolled back alone and the others still commit. On PostgreSQL each write is
    /// a transaction of its own on a pooled connection.
    @discardableResult
    func write<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        guard let writer else {
            return try pool!.with { database in try database.transaction { try body(database) } }
        }
        var result: Result?
        try withoutActuallyEscaping(body) { body in
            // The committer runs this on its thread; `submit` returns only after it has, so nothing outlives the call.
            let member = CommitGroup.Member { result = try body(writer) }
            try commits.submit(member)
        }
        // `submit` returns without throwing only after `body` ran and its group committed.
        guard let result else { throw CommitGroup.NoResult() }
        return result
    }

    /// `write` without waiting: returns at once, and `then` gets the outcome once the transaction is
    /// durable, on the committer thread (SQLite), or at once on this thread (PostgreSQL). For writes
    /// answered later (`HTTPResponse.later`): no HTTP thread sleeps while the disk syncs. `then` runs
    /// while the next group waits, so it only builds the answer: a `write` from it throws.
    func writeLater<Result>(_ body: @escaping (any Database) throws -> Result, then: @escaping (Swift.Result<Result, any Error>) -> Void) {
        guard let writer else {
            then(Swift.Result { try write(body) })
            return
        }
        let outcome = Outcome<Result>()
        commits.submitLater(CommitGroup.Member { outcome.value = try body(writer) }) { member in
            if let failure = member.failure {
                then(.failure(failure))
            } else if let value = outcome.value {
                then(.success(value))
            } else {
                then(.failure(CommitGroup.NoResult()))
            }
        }
    }

    /// What a write given to `writeLater` returned, set and read on the committer thread.
    private final class Outcome<Value> {
        var value: Value?
    }

    /// Runs a group of writes in one transaction, each in a savepoint, then commits; called holding `lock`.
    private func commitGroup(_ group: [CommitGroup.Member]) {
        guard let connection = sqlite else { return }
        var applied: [CommitGroup.Member] = []
        var open = false
        for member in group {
            do {
                if !open {
                    try connection.prepare("BEGIN IMMEDIATE").run()
                    open = true
                }
                try connection.prepare("SAVEPOINT member").run()
                do {
                    try member.run()
                    try connection.prepare("RELEASE member").run()
                    applied.append(member)
                } catch {
                    member.failure = error
                    if connection.isInTransaction {
                        try connection.prepare("ROLLBACK TO member").run()
                        try connection.prepare("RELEASE member").run()
                    }
                }
            } catch {
                member.failure = member.failure ?? error
            }
            if open && !connection.isInTransaction {
                // SQLite rolled the whole transaction back by itself (disk full, I/O error): the writes
                // already applied in it are lost too, so they fail; the rest start a new transaction.
                for each in applied { each.failure = member.failure }
                applied = []
                open = false
            }
        }
        defer {
            accounts.committed()
            changes.committed()
            absorbOwnCommit()
        }
        guard open else { return }
        do {
            try connection.prepare("COMMIT").run()
        } catch {
            for each in applied { each.failure = error }
            if connection.isInTransaction { _ = try? connection.prepare("ROLLBACK").run() }
        }
    }

    /// Runs `body` on a connection of its own (SQLite: read-only); it sees every write answered so far.
    func read<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        if let readers { return try readers.read(body) }
        return try pool!.with(body)
    }

    /// Whether caches may be trusted now: never on PostgreSQL (other instances write the same rows), and
    /// not when the database cannot be asked. When any connection has committed since the last look
    /// (this server's writer, or another process: `lectern users …`), the caches are told first:
    /// accounts are forgotten and the stamps of kept answers change.
    /// Asked by every request that reads a cache, so the usual answer costs two memory reads: the WAL
    /// index's counter has not moved since the last look.
    func noForeignCommits() -> Bool {
        guard let watch else { return false }
        if let walHeader, walHeader.counter == seenCounter.load(ordering: .acquiring) { return true }
        watchLock.lock()
        defer { watchLock.unlock() }
        // Read before the data version: a commit after this read moves the counter again.
        let counter = walHeader?.counter
        guard let version = try? watch.dataVersion else { return false }
        if version != lastDataVersion {
            accounts.clear()
            changes.changedElsewhere()
            lastDataVersion = version
        }
        if let counter { seenCounter.store(counter, ordering: .releasing) }
        return true
    }

    /// After this server's own commit (holding `lock`): the watch's new data version is taken as seen, so
    /// the caches are not thrown away for a change they already know of (the change hook dropped the
    /// accounts it touched). The writer's own data version, which its commits leave alone, tells whether
    /// another process committed too; read after the watch's, it cannot miss one that came in between.
    private func absorbOwnCommit() {
        guard let watch, let connection = sqlite else { return }
        watchLock.lock()
        defer { watchLock.unlock() }
        // This commit's counter, read first: a foreign commit after it moves the counter again, and one
        // before it shows in the writer's data version below.
        let counter = walHeader?.counter
        guard let seen = try? watch.dataVersion, let writer = try? connection.dataVersion else { return }
        if writer != lastWriterVersion {
            accounts.clear()
            changes.changedElsewhere()
            lastWriterVersion = writer
        }
        lastDataVersion = seen
        if let counter { seenCounter.store(counter, ordering: .releasing) }
    }

    /// Any commit changes the stamp (see `ChangeLog`); nil when the database cannot be asked or is shared.
    func changeStamp(of records: [Records]) -> [Int]? {
        noForeignCommits() ? changes.stamp : nil
    }

    /// Closes the database cleanly (after the HTTP server has stopped).
    public func close() {
        commits.stop()
        readers?.close()
        watchLock.withLock { watch?.close() }
        lock.withLock { sqlite?.close() }
        pool?.with { _ in }
    }

    /// Copies the database with SQLite's online backup API.
    public func backup(to path: String) throws {
        guard let sqlite else { throw StoreError.notFound("'lectern db backup' copies SQLite files; back up PostgreSQL with pg_dump") }
        try lock.withLock { try sqlite.backup(to: path) }
    }
}

extension Store {
    /// A PostgreSQL URL fit to print: its password replaced by `***`.
    public static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}
