/// Versioned schema changes applied in order, each in its own transaction; the version reached is kept
/// in the file (`PRAGMA user_version`), so starting the server applies only what is new.
public struct Migrations: Sendable {
    /// SQL scripts; script n (from 0) brings the schema to version n + 1.
    public let steps: [String]

    public init(_ steps: [String]) {
        self.steps = steps
    }

    /// Applies the steps the database has not seen.
    /// - Returns: the versions applied.
    @discardableResult
    public func apply(to connection: Connection) throws -> [Int] {
        let current = connection.userVersion
        guard current <= steps.count else {
            throw SQLiteError(code: 1, message: "the database is at schema version \(current), newer than this lectern (\(steps.count))", sql: nil)
        }
        var applied: [Int] = []
        for (index, step) in steps.enumerated() where index >= current {
            // Read again under the write lock: two servers starting together on one file must not both
            // apply a step ("table already exists"); the second finds it done and moves on.
            let done = try connection.transaction {
                guard connection.userVersion <= index else { return true }
                try connection.execute(step)
                try connection.execute("PRAGMA user_version = \(index + 1)")
                return false
            }
            if !done { applied.append(index + 1) }
        }
        return applied
    }
}
