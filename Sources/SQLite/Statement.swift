internal import CSQLite
import Foundation

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement, owned and cached by its connection, finalized when released.
public final class Statement {
    let handle: OpaquePointer
    /// Unowned: the connection caches its statements and finalizes them before it closes.
    unowned let connection: Connection
    let sql: String

    init(connection: Connection, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, message: connection.lastMessage, sql: sql)
        }
        handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds values to `?` parameters in order (after clearing earlier bindings).
    @discardableResult
    public func bind(_ values: [SQLValue]) throws(SQLiteError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, lectern_sqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), lectern_sqlite_transient()) }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, message: connection.lastMessage, sql: sql) }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue] = []) throws(SQLiteError) {
        try bind(values)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw SQLiteError(code: code, message: connection.lastMessage, sql: sql) }
    }

    /// Runs a query and maps every row.
    public func rows<Result>(_ values: [SQLValue] = [], _ map: (Row) throws -> Result) throws -> [Result] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var results: [Result] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw SQLiteError(code: code, message: connection.lastMessage, sql: sql) }
            results.append(try map(Row(statement: self)))
        }
        return results
    }

    /// The first row mapped, or nil when there is none.
    public func first<Result>(_ values: [SQLValue] = [], _ map: (Row) throws -> Result) throws -> Result? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw SQLiteError(code: code, message: connection.lastMessage, sql: sql) }
        return try map(Row(statement: self))
    }
}

/// The current row of a query, read by column index (from 0).
public struct Row {
    let statement: Statement

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.handle, column) == SQLITE_NULL }
    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement.handle, column)) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(statement.handle, column) }
    public func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement.handle, column) else { return nil }
        return String(cString: text)
    }
    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        guard let bytes = sqlite3_column_blob(statement.handle, column), count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}

@available(*, unavailable) extension Statement: Sendable {}
