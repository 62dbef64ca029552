import Foundation

/// Connections lent to one caller at a time. SQLite has one (its writes are serialized anyway); a
/// PostgreSQL store has several, so one instance's requests do not queue behind each other.
final class DatabasePool: @unchecked Sendable {
    private var idle: [any Database]
    private let condition = NSCondition()
    /// Every connection, for closing.
    let all: [any Database]

    init(_ connections: [any Database]) {
        idle = connections
        all = connections
    }

    func with<Result>(_ body: (any Database) throws -> Result) rethrows -> Result {
        condition.lock()
        while idle.isEmpty { condition.wait() }
        let database = idle.removeLast()
        condition.unlock()
        defer {
            condition.lock()
            idle.append(database)
            condition.signal()
            condition.unlock()
        }
        return try body(database)
    }
}
