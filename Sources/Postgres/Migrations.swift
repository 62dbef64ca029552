/// Versioned schema changes applied in order, each in its own transaction, the version reached kept in
/// `schema_version`. Several servers starting together take an advisory lock first, so each step runs
/// once: the others wait, then find nothing left to do.
public struct Migrations: Sendable {
    /// SQL scripts; script n (from 0) brings the schema to version n + 1.
    public let steps: [String]
    /// The `pg_advisory_lock` key: any number shared by every instance of one application.
    public let lockKey: Int64

    public init(_ steps: [String], lockKey: Int64) {
        self.steps = steps
        self.lockKey = lockKey
    }

    /// Applies the steps the database has not seen. - Returns: the versions applied.
    @discardableResult
    public func apply(to connection: Connection) throws(PostgresError) -> [Int] {
        try connection.execute("SELECT pg_advisory_lock(\(lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(lockKey))") }
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        let current = try connection.query("SELECT max(version) FROM schema_version").row(0).int(0)
        guard current <= steps.count else {
            throw PostgresError(sqlState: "", message: "the database is at schema version \(current), newer than this lectern (\(steps.count))", sql: nil)
        }
        var applied: [Int] = []
        for (index, step) in steps.enumerated() where index >= current {
            try connection.execute("BEGIN")
            do {
                try connection.execute(step)
                try connection.execute("INSERT INTO schema_version (version) VALUES (\(index + 1))")
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
            applied.append(index + 1)
        }
        return applied
    }

    /// The version the database is at (0 when never migrated).
    public static func version(of connection: Connection) throws(PostgresError) -> Int {
        let exists = try connection.query("SELECT to_regclass('schema_version') IS NOT NULL").row(0).string(0) == "t"
        return exists ? try connection.query("SELECT max(version) FROM schema_version").row(0).int(0) : 0
    }
}
