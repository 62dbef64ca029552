import Foundation
import Glibc

extension Connection {
    /// Creates a missing database file with mode 0600, and removes group and other access from an existing
    /// one and its `-wal`, `-shm` and `-journal` files. SQLite creates files with mode 0644 and gives the WAL
    /// and shared-memory files the database file's mode, so creating the empty file first (an empty file
    /// is an empty database) keeps learners' data and password hashes unreadable to other local users.
    /// - Throws: `SQLiteError` (SQLITE_CANTOPEN) when the file cannot be created.
    static func makePrivate(_ path: String) throws(SQLiteError) {
        // In-memory and URI names are not files of ours.
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        // O_EXCL: never adopts a file someone made meanwhile; an existing file is tightened below instead.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            Glibc.close(descriptor)
            return
        }
        guard errno == EEXIST else {
            throw SQLiteError(code: 14, message: "cannot create \(path): \(String(cString: strerror(errno)))", sql: nil)
        }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            var status = stat()
            // lstat: a symbolic link's own mode means nothing, and its target may not be ours to change.
            guard lstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 else { continue }
            _ = chmod(file, status.st_mode & 0o700)
        }
    }
}
