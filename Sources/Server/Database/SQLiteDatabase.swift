import SQLite

extension SQLite.Row: DatabaseRow {}

/// The kiosk's database: one SQLite connection, whose single writer (`BEGIN IMMEDIATE`) serializes writes.
final class SQLiteDatabase: Database {
    let connection: SQLite.Connection
    var dialect: Dialect { .sqlite }

    init(_ connection: SQLite.Connection) { self.connection = connection }

    func execute(_ sql: String) throws { try connection.execute(sql) }

    func run(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try connection.prepare(sql).run(values)
        return connection.changes
    }

    func rows<Result>(_ sql: String, _ values: [SQLValue], _ map: (Row) throws -> Result) throws -> [Result] {
        try connection.prepare(sql).rows(values) { try map($0) }
    }

    func transaction<Result>(_ body: () throws -> Result) throws -> Result { try connection.transaction(body) }
}
