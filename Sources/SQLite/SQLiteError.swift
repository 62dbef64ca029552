/// An SQLite failure in SQLite's own words, with what was being done.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The SQLite result code (`SQLITE_CONSTRAINT` is 19).
    public var code: Int32
    public var message: String
    public var sql: String?

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " — while executing \($0)" } ?? "")
    }

    /// True for UNIQUE, FOREIGN KEY and other constraint violations.
    public var isConstraint: Bool { code & 0xff == 19 }
}
