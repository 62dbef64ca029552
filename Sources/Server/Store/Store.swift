import Foundation
import Postgres
import SQLite

/// The server's database: an SQLite file (a kiosk, the default) or a PostgreSQL server shared by several
/// instances (`postgres://…`). The same queries run on both (see `Database`); every write in a
/// transaction. Domain methods keep the SQL in this folder.
public final class Store: @unchecked Sendable {
    let pool: DatabasePool
    /// The SQLite connection behind `pool`, for what only SQLite has (integrity check, online backup);
    /// nil for PostgreSQL.
    let sqlite: SQLite.Connection?
    /// A lock for `damage`; connections are lent by `pool`.
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
            sqlite = nil
        } else {
            let connection = try SQLite.Connection(path: path)
            try Schema.migrations.apply(to: connection)
            pool = DatabasePool([SQLiteDatabase(connection)])
            sqlite = connection
        }
        // A damaged page can break this pass over older accounts: the server still starts, and reports
        // itself not ready (the integrity check says why), rather than leaving the kiosk down.
        do {
            try foldIdentities()
        } catch {
            damage = "older accounts' names could not be checked: \(error)"
        }
    }

    /// Runs `body` on a connection of its own, inside a transaction.
    @discardableResult
    func write<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        try pool.with { database in try database.transaction { try body(database) } }
    }

    /// Runs `body` on a connection of its own.
    func read<Result>(_ body: (any Database) throws -> Result) throws -> Result {
        try pool.with(body)
    }

    /// Closes the database cleanly (after the HTTP server has stopped).
    public func close() {
        pool.with { _ in sqlite?.close() }
    }

    /// Copies the database with SQLite's online backup API.
    public func backup(to path: String) throws {
        guard let sqlite else { throw StoreError.notFound("'lectern db backup' copies SQLite files; back up PostgreSQL with pg_dump") }
        try pool.with { _ in try sqlite.backup(to: path) }
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
