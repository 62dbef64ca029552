import SQLite

/// One connection the store's SQL runs on. SQLite and PostgreSQL both implement it, so `Store` keeps one
/// copy of every query: portable SQL with `?` placeholders, `RETURNING` for new ids, and the count of
/// changed rows from `run`. Where the two truly differ (column types in migrations, the token secret,
/// readiness) `Store` asks for `dialect`.
protocol Database: AnyObject {
    var dialect: Dialect { get }
    /// Runs statements without parameters.
    func execute(_ sql: String) throws
    /// Runs one statement; returns how many rows it changed.
    @discardableResult func run(_ sql: String, _ values: [SQLValue]) throws -> Int
    func rows<Result>(_ sql: String, _ values: [SQLValue], _ map: (Row) throws -> Result) throws -> [Result]
    /// Runs `body` in a transaction that sees no other writer's changes, committed when it returns, rolled
    /// back when it throws; PostgreSQL may run it again after a serialization failure.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result
}

enum Dialect: Sendable, Equatable {
    case sqlite, postgres
}

/// A result row read by column index (from 0): NULL reads as 0 or nil.
protocol DatabaseRow {
    func isNull(_ column: Int32) -> Bool
    func int(_ column: Int32) -> Int
    func double(_ column: Int32) -> Double
    func string(_ column: Int32) -> String?
}

typealias Row = any DatabaseRow

/// What either database throws for a broken UNIQUE, FOREIGN KEY or CHECK constraint.
protocol DatabaseFailure: Error {
    var isConstraint: Bool { get }
}

extension SQLiteError: DatabaseFailure {}

extension Database {
    /// A statement to run with values: the store's queries read `db.prepare(sql).first(values) { … }`.
    func prepare(_ sql: String) -> Query { Query(database: self, sql: sql) }
}

/// One SQL text bound to its connection; each database caches what it compiles from the text.
struct Query {
    let database: any Database
    let sql: String

    @discardableResult
    func run(_ values: [SQLValue] = []) throws -> Int { try database.run(sql, values) }

    func rows<Result>(_ values: [SQLValue] = [], _ map: (Row) throws -> Result) throws -> [Result] {
        try database.rows(sql, values, map)
    }

    func first<Result>(_ values: [SQLValue] = [], _ map: (Row) throws -> Result) throws -> Result? {
        try database.rows(sql, values, map).first
    }
}
