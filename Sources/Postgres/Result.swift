internal import CPostgres

/// The rows of a query, in libpq's text format, freed when released.
public final class Result {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }

    public var count: Int { Int(PQntuples(handle)) }
    /// Rows an INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    public func row(_ index: Int) -> Row { Row(result: self, index: Int32(index)) }
    public var rows: [Row] { (0..<count).map(row) }
}

/// One row of a result, read by column index (from 0).
public struct Row {
    let result: Result
    let index: Int32

    public func isNull(_ column: Int32) -> Bool { PQgetisnull(result.handle, index, column) == 1 }
    public func string(_ column: Int32) -> String? {
        guard !isNull(column), let value = PQgetvalue(result.handle, index, column) else { return nil }
        return String(cString: value)
    }
    /// 0 for NULL, as SQLite reads it; a numeric (`sum` of a bigint) is read through its digits.
    public func int(_ column: Int32) -> Int {
        guard let text = string(column) else { return 0 }
        return Int(text) ?? Double(text).map { Int($0) } ?? 0
    }
    public func double(_ column: Int32) -> Double { string(column).flatMap(Double.init) ?? 0 }
    public func bytes(_ column: Int32) -> [UInt8] {
        guard let text = string(column), text.hasPrefix("\\x") else { return [] }
        var bytes: [UInt8] = []
        var digits = text.utf8.dropFirst(2)[...]
        while digits.count >= 2 {
            bytes.append(UInt8(String(decoding: digits.prefix(2), as: UTF8.self), radix: 16) ?? 0)
            digits = digits.dropFirst(2)
        }
        return bytes
    }
}

@available(*, unavailable) extension Result: Sendable {}
