import Foundation
import SQLite

/// One table copied by `lectern db migrate-to`: rows and a checksum read back from each side.
public struct CopiedTable: Sendable {
    public var table: String
    public var sourceRows: Int, targetRows: Int
    public var sourceChecksum: String, targetChecksum: String
    public var matches: Bool { sourceRows == targetRows && sourceChecksum == targetChecksum }
}

extension Store {
    /// Copies every table of this SQLite store into an empty PostgreSQL store (the same schema version),
    /// keeping ids, in one transaction, then reads both back: rows and a checksum per table. Columns come
    /// from SQLite's own description of its tables, so a column added by a later migration is copied too.
    public func copyEverything(to target: Store) throws -> [CopiedTable] {
        guard dialect == "sqlite", target.dialect == "postgres" else {
            throw StoreError.notFound("migrate-to copies an SQLite database into PostgreSQL")
        }
        let tables = try read { db in
            try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").rows([]) { $0.string(0) ?? "" }
        }
        // A table goes after the tables its foreign keys name (accounts first, classes before what names them).
        let references = try Dictionary(uniqueKeysWithValues: tables.map { table in
            (table, Set(try read { db in
                try db.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?)").rows([.text(table)]) { $0.string(0) ?? "" }
            }).subtracting([table]))
        })
        var ordered: [String] = []
        while ordered.count < tables.count {
            let ready = tables.filter { !ordered.contains($0) && references[$0]!.allSatisfy(ordered.contains) }
            // A cycle (none in the schema) would leave nothing ready: the rest go in name order.
            ordered += ready.isEmpty ? tables.filter { !ordered.contains($0) } : ready
        }
        let columns = try Dictionary(uniqueKeysWithValues: ordered.map { table in
            (table, try read { db in
                try db.prepare("SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid").rows([.text(table)]) { ($0.string(0) ?? "", $0.string(1) ?? "") }
            })
        })
        let existing = try target.read { db in try db.prepare("SELECT count(*) FROM \"user\"").first([]) { $0.int(0) } ?? 0 }
        guard existing == 0 else { throw StoreError.notFound("the PostgreSQL database already has \(existing) accounts; migrate into an empty one") }
        try target.write { targetDB in
            for table in ordered {
                let names = columns[table]!.map { "\"\($0.0)\"" }.joined(separator: ", ")
                let insert = "INSERT INTO \"\(table)\" (\(names)) VALUES (\(Array(repeating: "?", count: columns[table]!.count).joined(separator: ", ")))"
                let rows = try read { db in try db.prepare("SELECT \(names) FROM \"\(table)\"").rows([]) { row in Self.values(row, columns[table]!) } }
                for values in rows { try targetDB.prepare(insert).run(values) }
                // Identity columns (an integer `id`, or `seq` where `id` is a text) go on after the highest value copied.
                if let key = columns[table]!.first(where: { ["id", "seq"].contains($0.0) && $0.1 == "INTEGER" })?.0 {
                    try targetDB.prepare("SELECT setval(pg_get_serial_sequence('\"\(table)\"', '\(key)'), (SELECT COALESCE(max(\(key)), 0) + 1 FROM \"\(table)\"), false)").run([])
                }
            }
        }
        return try ordered.map { table in
            let (sourceRows, sourceSum) = try checksum(table, columns[table]!)
            let (targetRows, targetSum) = try target.checksum(table, columns[table]!)
            return CopiedTable(table: table, sourceRows: sourceRows, targetRows: targetRows, sourceChecksum: sourceSum, targetChecksum: targetSum)
        }
    }

    /// Rows, and the sum of every row's FNV-1a hash over its values written one way on both databases
    /// (so the order rows come back in does not matter).
    func checksum(_ table: String, _ columns: [(String, String)]) throws -> (Int, String) {
        let names = columns.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let hashes = try read { db in
            try db.prepare("SELECT \(names) FROM \"\(table)\"").rows([]) { row in
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for value in Self.values(row, columns) {
                    let text: String = switch value {
                    case .null: "\u{0}N"
                    case .integer(let number): "i\(number)"
                    case .real(let number): "r\(number)"
                    case .text(let text): "t" + text
                    case .blob(let bytes): "b" + bytes.map { String($0) }.joined(separator: ",")
                    }
                    for byte in text.utf8 + [0x1f] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                }
                return hash
            }
        }
        return (hashes.count, String(format: "%016llx", hashes.reduce(0, &+)))
    }

    /// A row's values by the SQLite column types (INTEGER, REAL, else text).
    private static func values(_ row: Row, _ columns: [(String, String)]) -> [SQLValue] {
        columns.enumerated().map { index, column in
            let index = Int32(index)
            if row.isNull(index) { return .null }
            if column.1.contains("INT") { return .integer(Int64(row.int(index))) }
            if column.1 == "REAL" { return .real(row.double(index)) }
            return .text(row.string(index) ?? "")
        }
    }
}
