import Foundation
import Postgres
import SQLite

extension Postgres.Row: DatabaseRow {}

extension PostgresError: DatabaseFailure {}

/// A connection to a PostgreSQL server shared by several `lectern serve` instances.
final class PostgresDatabase: Database {
    let connection: Postgres.Connection
    var dialect: Dialect { .postgres }

    init(url: String) throws {
        connection = try Postgres.Connection(url: url)
    }

    func execute(_ sql: String) throws { try connection.execute(sql) }

    func run(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try connection.query(sql, values.map(Self.value)).changes
    }

    func rows<Result>(_ sql: String, _ values: [SQLValue], _ map: (Row) throws -> Result) throws -> [Result] {
        let result = try connection.query(sql, values.map(Self.value))
        return try (0..<result.count).map { try map(result.row($0)) }
    }

    /// SERIALIZABLE stands in for SQLite's single writer: a transaction that read what another changed
    /// meanwhile fails with 40001 and is run again from the start, so check-then-insert rules (attempts
    /// left, one open attempt, taken names) hold across instances. Bounded, with a growing random pause.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        var round = 0
        while true {
            round += 1
            try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
            do {
                let result = try body()
                try connection.execute("COMMIT")
                return result
            } catch let error as PostgresError where error.isRetryable && round < 30 {
                try? connection.execute("ROLLBACK")
                usleep(UInt32.random(in: 0...UInt32(min(round, 10) * 2000)))
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    static func value(_ value: SQLValue) -> PostgresValue {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .text(let text): .text(text)
        case .blob(let bytes): .bytes(bytes)
        }
    }
}
