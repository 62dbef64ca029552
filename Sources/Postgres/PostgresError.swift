/// A PostgreSQL failure in the server's own words, with its SQLSTATE and what was being done.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE ("23505" unique violation, "40001" serialization failure); empty when
    /// the connection itself failed.
    public var sqlState: String
    public var message: String
    public var sql: String?

    public var description: String {
        "PostgreSQL error\(sqlState.isEmpty ? "" : " " + sqlState): \(message)" + (sql.map { " — while executing \($0)" } ?? "")
    }

    /// Class 23: UNIQUE, FOREIGN KEY, CHECK and NOT NULL violations.
    public var isConstraint: Bool { sqlState.hasPrefix("23") }
    /// A transaction that must be run again: a serialization failure or a deadlock.
    public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }
}
