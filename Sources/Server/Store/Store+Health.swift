import Foundation
import Postgres
import SQLite

/// Whether the database can take writes now: what `GET /api/v1/ready` reports.
extension Store {
    /// Checks the database file's pages once (at start), within `seconds`; a damaged database then keeps
    /// `/api/v1/ready` at 503 instead of failing one request at a time.
    /// PostgreSQL checks its own pages (with data checksums on): nothing to do there.
    @discardableResult
    public func checkIntegrity(within seconds: Double) -> IntegrityCheck {
        guard let sqlite else { return .ok }
        return lock.withLock {
            let result = sqlite.quickCheck(within: seconds)
            if case .damaged(let problems) = result { damage = problems.prefix(3).joined(separator: "; ") }
            return result
        }
    }

    /// Why the server should not be sent traffic, or nil when it is ready.
    public var readinessProblem: String? {
        guard let connection = sqlite else {
            let reachable = (try? read { db in try db.prepare("SELECT 1").first([]) { $0.int(0) } }) == 1
            return reachable ? nil : "the database is not reachable"
        }
        return lock.withLock {
            if let damage { return "the database is damaged (\(damage)); restore it from a backup" }
            guard (try? connection.prepare("SELECT 1").first { $0.int(0) }) == 1 else { return "the database is not reachable" }
            // Deleted while open (a cleaner of temporary files, a mistaken rm), the log goes on in an unlinked
            // file: every write since is lost when the server stops.
            if connection.journalMode == "wal", !FileManager.default.fileExists(atPath: path + "-wal") {
                return "the database's write-ahead log \(path)-wal is missing; writes since it was removed are lost at restart"
            }
            var volume = statvfs()
            let folder = (path as NSString).deletingLastPathComponent
            if statvfs(folder.isEmpty ? "." : folder, &volume) == 0 {
                let free = Int64(volume.f_bavail) * Int64(volume.f_frsize)
                if free < minimumFreeBytes {
                    return "the disk holding the database is nearly full (\(free >> 20) MB free, \(minimumFreeBytes >> 20) MB needed)"
                }
            }
            return nil
        }
    }
}

extension Store {
    /// For `lectern doctor`: whether the PostgreSQL server at `url` answers, and the schema version its
    /// database holds (0 before the first `lectern serve`). Reads only: nothing is created or migrated.
    public static func probePostgres(_ url: String) -> Swift.Result<Int, PostgresError> {
        do {
            let connection = try Postgres.Connection(url: url)
            let exists = try connection.query("SELECT to_regclass('schema_version') IS NOT NULL").row(0).string(0) == "t"
            guard exists else { return .success(0) }
            return .success(try connection.query("SELECT coalesce(max(version), 0) FROM schema_version").row(0).int(0))
        } catch {
            return .failure(error)
        }
    }
}
