import Foundation
import SQLite

/// Whether the database can take writes now: what `GET /api/v1/ready` reports.
extension Store {
    /// Checks the database file's pages once (at start), within `seconds`; a damaged database then keeps
    /// `/api/v1/ready` at 503 instead of failing one request at a time.
    @discardableResult
    /// PostgreSQL checks its own pages (with data checksums on): nothing to do here.
    public func checkIntegrity(within seconds: Double) -> IntegrityCheck {
        guard let sqlite else { return .ok }
        let result = pool.with { _ in sqlite.quickCheck(within: seconds) }
        if case .damaged(let problems) = result { lock.withLock { damage = problems.prefix(3).joined(separator: "; ") } }
        return result
    }

    /// Why the server should not be sent traffic, or nil when it is ready.
    public var readinessProblem: String? {
        if let damage = lock.withLock({ damage }) { return "the database is damaged (\(damage)); restore it from a backup" }
        return pool.with { db in
            guard (try? db.prepare("SELECT 1").first([]) { $0.int(0) }) == 1 else { return "the database is not reachable" }
            guard let connection = sqlite else { return nil }
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
