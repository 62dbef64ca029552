import Foundation
import SQLite

/// The server's SQLite database: one connection, used by one request at a time (SQLite serializes
/// writes anyway), every write in a transaction. Domain methods keep the SQL in this folder.
public final class Store: @unchecked Sendable {
    let connection: Connection
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
        // A damaged page can break this pass over older accounts: the server still starts, and reports
        // itself not ready (the integrity check says why), rather than leaving the kiosk down.
        do {
            try foldIdentities()
        } catch {
            damage = "older accounts' names could not be checked: \(error)"
        }
    }

    /// Runs `body` alone on the connection, inside a transaction.
    func write<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        try lock.withLock { try connection.transaction { try body(connection) } }
    }

    /// Runs `body` alone on the connection.
    func read<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        try lock.withLock { try body(connection) }
    }


    /// Closes the database cleanly (after the HTTP server has stopped).
    public func close() {
        lock.withLock { connection.close() }
    }

    /// Copies the database with SQLite's online backup API.
    public func backup(to path: String) throws {
        try read { try $0.backup(to: path) }
    }
}
