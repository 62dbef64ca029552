internal import CSQLite
import Foundation

/// What `PRAGMA quick_check` found.
public enum IntegrityCheck: Sendable, Equatable {
    case ok
    /// SQLite's own words for the first problems it found.
    case damaged([String])
    /// The time limit ran out first (a large database): nothing is known.
    case unfinished
}

extension Connection {
    /// Runs `PRAGMA quick_check`, interrupted after `seconds` so a large database cannot hold up start-up.
    /// quick_check reads every page but skips the index-to-table cross-checks of integrity_check, which
    /// makes it linear in the file size.
    public func quickCheck(within seconds: Double) -> IntegrityCheck {
        var deadline = Date().timeIntervalSince1970 + seconds
        return withUnsafeMutablePointer(to: &deadline) { pointer in
            // The handler runs every 1,000 virtual-machine steps; a non-zero answer interrupts the statement.
            sqlite3_progress_handler(handle, 1000, { context in
                Date().timeIntervalSince1970 > context!.assumingMemoryBound(to: Double.self).pointee ? 1 : 0
            }, pointer)
            defer { sqlite3_progress_handler(handle, 0, nil, nil) }
            do {
                // Not `prepare`: a one-off statement stays out of the cache.
                let statement = try Statement(connection: self, sql: "PRAGMA quick_check(10)")
                let lines = try statement.rows { $0.string(0) ?? "" }
                return lines == ["ok"] ? .ok : .damaged(lines)
            } catch let error as SQLiteError where error.code & 0xff == SQLITE_INTERRUPT {
                return .unfinished
            } catch let error as SQLiteError {
                // SQLITE_CORRUPT and SQLITE_NOTADB stop the check itself.
                return .damaged([error.message])
            } catch {
                return .damaged(["\(error)"])
            }
        }
    }

    /// The journal mode in effect ("wal" for a database opened for writing).
    public var journalMode: String {
        (try? prepare("PRAGMA journal_mode").first { $0.string(0) ?? "" }) ?? ""
    }
}
