import Foundation
import SQLite

extension Store {
    /// Checks a database file without changing it (no migration, no journal-mode switch): what
    /// `lectern doctor` reports while the server may be running.
    /// - Throws: `SQLiteError` when the file cannot be opened at all (missing, unreadable).
    public static func inspect(path: String, within seconds: Double) throws -> IntegrityCheck {
        try Connection(path: path, readOnly: true).quickCheck(within: seconds)
    }
}
