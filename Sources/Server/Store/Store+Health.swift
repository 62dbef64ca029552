import Foundation
import SQLite

/// Whether the database can take writes now: what `GET /api/v1/ready` reports.
extension Store {
    /// Checks the database file's pages once (at start), within `seconds`; a damaged database then keeps
    /// `/api/v1/ready` at 503 instead of failing one request at a time.
    @discardableResult
    public func checkIntegrity(within seconds: Double) -> IntegrityCheck {
        lock.withLock {
            let result = connection.quickCheck(within: seconds)
            if case .damaged(let problems) = result { damage = problems.prefix(3).joined(separator: "; ") }
            return result
        }
    }

    /// Why the server should not be sent traffic, or nil when it is ready.
    public var readinessProblem: String? {
        lock.withLock {
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
