internal import CPostgres
import Foundation

/// A value sent as a statement parameter.
public enum PostgresValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])
}

/// One libpq connection to a PostgreSQL server. Not Sendable: one owner (a pool slot) uses it at a time.
public final class Connection {
    let handle: OpaquePointer
    /// Server-side prepared statements by SQL text: parsing and planning a small query is a large part
    /// of its cost, as with SQLite's statement cache.
    private var prepared: [String: String] = [:]

    /// Connects with a libpq URL or keyword string (`postgres://user@host:5432/db?sslmode=disable`).
    /// - Throws: `PostgresError` with libpq's message (the password, if the URL holds one, is not in it).
    public init(url: String) throws(PostgresError) {
        guard let connection = PQconnectdb(url) else { throw PostgresError(sqlState: "", message: "out of memory", sql: nil) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw PostgresError(sqlState: "", message: message, sql: nil)
        }
        handle = connection
        // NOTICEs ("relation already exists, skipping") are for a terminal, not a server's standard error.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Runs statements without parameters (several separated by `;`, as migrations are).
    public func execute(_ sql: String) throws(PostgresError) {
        try reconnectIfBroken()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement with `?` (or `?N`) placeholders bound to `values`, sent apart from the SQL text.
    public func query(_ sql: String, _ values: [PostgresValue] = []) throws(PostgresError) -> Result {
        try reconnectIfBroken()
        // Text format for every parameter, with its type named where the value has one.
        var types: [Oid] = []
        var strings: [UnsafeMutablePointer<CChar>?] = []
        for value in values {
            switch value {
            case .null: types.append(0); strings.append(nil)
            case .integer(let number): types.append(20); strings.append(strdup(String(number)))
            case .real(let number): types.append(701); strings.append(strdup(number.isFinite ? "\(number)" : number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity"))
            case .text(let string): types.append(25); strings.append(strdup(string))
            case .bytes(let bytes): types.append(17); strings.append(strdup("\\x" + bytes.map { String(format: "%02x", $0) }.joined()))
            }
        }
        defer { strings.forEach { free($0) } }
        let name = try statement(sql, types: types)
        let result = strings.withUnsafeBufferPointer { pointers in
            pointers.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(pointers.count, 1)) { parameters in
                PQexecPrepared(handle, name, Int32(values.count), values.isEmpty ? nil : parameters, nil, nil, 0)
            }
        }
        do {
            try check(result, sql: sql)
        } catch {
            PQclear(result)
            throw error
        }
        return Result(handle: result!)
    }

    /// The prepared statement's name for `sql` (its `?` placeholders as `$n`), preparing it on first use
    /// with the parameter types of that first call (NULL's left for the server to infer).
    private func statement(_ sql: String, types: [Oid]) throws(PostgresError) -> String {
        if let name = prepared[sql] { return name }
        let name = "lectern_\(prepared.count + 1)"
        let result = PQprepare(handle, name, Placeholders.postgres(sql), Int32(types.count), types)
        defer { PQclear(result) }
        try check(result, sql: sql)
        prepared[sql] = name
        return name
    }

    /// The server's version number (150004 for 15.4).
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// A connection the server dropped (a restart, a failover) is opened again before the next statement,
    /// rather than failing every request until the process restarts.
    private func reconnectIfBroken() throws(PostgresError) {
        guard PQstatus(handle) != CONNECTION_OK else { return }
        // A new session: the statements prepared in the old one are gone.
        prepared.removeAll()
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(sqlState: "08006", message: String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines), sql: nil)
        }
    }

    private func check(_ result: OpaquePointer?, sql: String) throws(PostgresError) {
        guard let result else {
            throw PostgresError(sqlState: "08006", message: String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines), sql: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresError(sqlState: state, message: message, sql: sql)
        }
    }
}

@available(*, unavailable) extension Connection: Sendable {}
