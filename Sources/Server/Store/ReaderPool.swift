import Foundation
import SQLite

/// Read-only connections to the database, lent one request at a time. In WAL mode readers do not wait
/// for the writer: reads go on while a group of writes is being synced to disk, and on all cores at once.
final class ReaderPool: @unchecked Sendable {
    /// Guards `idle` and `closed`; signalled when a connection comes back.
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var closed = false

    /// A read after `close()`.
    struct Closed: Error, CustomStringConvertible {
        var description: String { "the database is closed" }
    }

    /// Opens every connection now: a database file removed later (a cleaner of temporary files) stays
    /// readable through them, as it does for the writer, and `/api/v1/ready` reports it.
    init(path: String, count: Int = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)) throws {
        for _ in 0..<count {
            let connection = try Connection(path: path, readOnly: true)
            // Small page caches: the kiosk's memory is shared by every reader.
            try connection.execute("PRAGMA cache_size = -1024")
            idle.append(connection)
        }
    }

    /// Runs `body` with a connection of its own, waiting for one when all are lent.
    func read<Result>(_ body: (Connection) throws -> Result) throws -> Result {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }

    /// Closes the idle connections and refuses further reads (`Store.close`).
    func close() {
        condition.withLock {
            closed = true
            for connection in idle { connection.close() }
            idle = []
        }
    }

    private func take() throws -> Connection {
        condition.lock()
        defer { condition.unlock() }
        while true {
            guard !closed else { throw Closed() }
            if let connection = idle.popLast() { return connection }
            condition.wait()
        }
    }

    private func give(_ connection: Connection) {
        condition.withLock {
            if closed { connection.close() } else { idle.append(connection) }
            condition.signal()
        }
    }
}
