import Foundation
import SQLite

/// The server's SQLite database: one writing connection, used by one group of writes at a time (SQLite
/// serializes writes anyway), and read-only connections for reads. Domain methods keep the SQL in this folder.
public final class Store: @unchecked Sendable {
    let connection: Connection
    /// Read-only connections: reads never wait for a commit being synced.
    let readers: ReaderPool
    /// Accounts as last read, for checking tokens without a query; kept true by the writer's change hook.
    let accounts = AccountCache()
    /// Commits counted, for the stamps of cached answers (`changeStamp(of:)`).
    let changes = ChangeLog()
    /// A read-only connection that only asks whether anyone committed (`PRAGMA data_version`), with its
    /// own lock: asked by every cached answer, it must not wait for the writer or the readers.
    let watch: Connection
    let watchLock = NSLock()
    /// `watch`'s data version when last looked at, and the writer's (which its own commits leave alone);
    /// guarded by `watchLock`.
    var lastDataVersion: Int?
    var lastWriterVersion: Int?
    /// A lock, not a `Mutex<Connection>`: the connection is lent to the caller's closure, and the region
    /// checker refuses to let a mutex's value meet a non-Sendable closure.
    let lock = NSLock()
    public let path: String
    /// Bytes that must stay free on the database's file system for `/api/v1/ready` to say ready.
    public let minimumFreeBytes: Int64
    /// What the integrity check at start found to be wrong; guarded by `lock`.
    var damage: String?

    /// Opens the database and applies the migrations it has not seen.
    /// - Parameter minimumFreeBytes: below this much free disk space the server reports itself not ready.
    public init(path: String, minimumFreeBytes: Int64 = 64 << 20) throws {
        self.path = path
        self.minimumFreeBytes = minimumFreeBytes
        connection = try Connection(path: path)
        try Schema.migrations.apply(to: connection)
        readers = try ReaderPool(path: path)
        watch = try Connection(path: path, readOnly: true)
        // Where the caches start from: a commit after these, by anyone, is noticed.
        lastDataVersion = try watch.dataVersion
        lastWriterVersion = try connection.dataVersion
        connection.onRowChange { [accounts] table, row in
            if table == "user" { accounts.rowChanged(Int(row)) }
        }
        // A damaged page can break this pass over older accounts: the server still starts, and reports
        // itself not ready (the integrity check says why), rather than leaving the kiosk down.
        do {
            try foldIdentities()
        } catch {
            damage = "older accounts' names could not be checked: \(error)"
        }
    }

    /// Writes that wait while a commit is synced, to be committed together (`CommitGroup`).
    let commits = CommitGroup()

    /// Runs `body` alone on the connection inside a transaction, and returns once that transaction is
    /// durable on disk. Concurrent writes share one transaction and one fsync (group commit), each in its
    /// own savepoint: a write that throws is rolled back alone and the others still commit.
    func write<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        var result: Result?
        try withoutActuallyEscaping(body) { body in
            // The leader may run this on its thread; `submit` returns only after it has, so nothing outlives the call.
            let member = CommitGroup.Member { [connection] in result = try body(connection) }
            try commits.submit(member) { group in lock.withLock { commitGroup(group) } }
        }
        // `submit` returns without throwing only after `body` ran and its group committed.
        guard let result else { throw CommitGroup.NoResult() }
        return result
    }

    /// Runs a group of writes in one transaction, each in a savepoint, then commits; called holding `lock`.
    private func commitGroup(_ group: [CommitGroup.Member]) {
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

    /// Runs `body` on a read-only connection of its own; it sees every write answered so far.
    func read<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        try readers.read(body)
    }


    /// Whether caches may be trusted now (false when the database cannot be asked). When any connection
    /// has committed since the last look (this server's writer, or another process: `lectern users …`),
    /// the caches are told first: accounts are forgotten and the stamps of kept answers change.
    func noForeignCommits() -> Bool {
        watchLock.lock()
        defer { watchLock.unlock() }
        guard let version = try? watch.dataVersion else { return false }
        if version != lastDataVersion {
            accounts.clear()
            changes.changedElsewhere()
            lastDataVersion = version
        }
        return true
    }

    /// After this server's own commit (holding `lock`): the watch's new data version is taken as seen, so
    /// the caches are not thrown away for a change they already know of (the change hook dropped the
    /// accounts it touched). The writer's own data version, which its commits leave alone, tells whether
    /// another process committed too; read after the watch's, it cannot miss one that came in between.
    private func absorbOwnCommit() {
        watchLock.lock()
        defer { watchLock.unlock() }
        guard let seen = try? watch.dataVersion, let writer = try? connection.dataVersion else { return }
        if writer != lastWriterVersion {
            accounts.clear()
            changes.changedElsewhere()
            lastWriterVersion = writer
        }
        lastDataVersion = seen
    }

    /// Any commit changes the stamp (see `ChangeLog`); nil when the database cannot be asked.
    func changeStamp(of records: [Records]) -> [Int]? {
        noForeignCommits() ? changes.stamp : nil
    }

    /// Closes the database cleanly (after the HTTP server has stopped).
    public func close() {
        readers.close()
        watchLock.withLock { watch.close() }
        lock.withLock { connection.close() }
    }

    /// Copies the database with SQLite's online backup API.
    public func backup(to path: String) throws {
        try read { try $0.backup(to: path) }
    }
}
