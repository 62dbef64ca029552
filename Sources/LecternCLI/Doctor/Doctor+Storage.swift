import Foundation
import Server

/// The database, its token secret and the disk they live on.
extension Doctor {
    static func database(_ settings: ServeSettings) -> DoctorFinding {
        if settings.postgres {
            let shown = Store.withoutPassword(settings.databaseLocation)
            switch Store.probePostgres(settings.databaseLocation) {
            case .success(0): return .warning("database", "\(shown) answers and is empty; 'lectern serve' creates its tables at its first start")
            case .success(let version): return .ok("database", "\(shown) answers (schema version \(version); PostgreSQL checks its own pages)")
            case .failure(let error): return .error("database", "cannot reach \(shown): \(error); check the URL, the server and pg_hba.conf (docs/postgresql.md)")
            }
        }
        let path = settings.database.path
        guard FileManager.default.fileExists(atPath: path) else {
            return .warning("database", "\(path) does not exist yet; 'lectern serve' creates it at its first start")
        }
        do {
            switch try Store.inspect(path: path, within: 60) {
            case .ok:
                return .ok("database", "\(path) opens and is intact (quick_check)")
            case .damaged(let problems):
                return .error("database", "\(path) is damaged (\(problems.prefix(3).joined(separator: "; "))); stop the server and restore the newest backup (docs/deploy.md)")
            case .unfinished:
                return .warning("database", "the integrity check of \(path) did not finish in 60 seconds; run 'sqlite3 \(path) \"PRAGMA integrity_check\"'")
            }
        } catch {
            return .error("database", "cannot open \(path): \(error); check its owner and mode (run doctor as the service's user)")
        }
    }

    /// The secret signs every token: other local users must not read it, and the server must own it.
    static func secret(_ settings: ServeSettings) -> [DoctorFinding] {
        // On PostgreSQL the secret is a row of the database every instance shares: no file to check.
        if settings.postgres { return [.ok("secret", "kept in the PostgreSQL database, shared by every instance")] }
        let path = settings.secret.path, folder = settings.secret.deletingLastPathComponent().path
        var folderStatus = stat(), status = stat()
        guard lstat(path, &status) == 0 else {
            let when = FileManager.default.fileExists(atPath: settings.database.path)
                ? "'lectern serve' makes a new one at start, which signs everyone out" : "'lectern serve' makes it at its first start"
            return [.warning("secret", "\(path) does not exist yet; \(when)")]
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return [.error("secret", "\(path) is not a regular file; remove it")] }
        var findings: [DoctorFinding] = []
        if status.st_mode & 0o077 != 0 {
            findings.append(.error("secret", "\(path) has mode \(octal(status.st_mode)): other local users can read it and forge sign-ins; run 'chmod 600 \(path)'"))
        } else if status.st_size < 32 {
            findings.append(.error("secret", "\(path) is damaged (under 32 bytes); remove it and restart (everyone is signed out)"))
        }
        if stat(folder, &folderStatus) == 0 {
            if status.st_uid != folderStatus.st_uid {
                findings.append(.error("secret", "\(path) belongs to \(userName(status.st_uid)), its folder to \(userName(folderStatus.st_uid)), the server's user; run 'chown \(userName(folderStatus.st_uid)) \(path)'"))
            }
            if folderStatus.st_mode & 0o077 != 0 {
                findings.append(.warning("secret", "the folder \(folder) has mode \(octal(folderStatus.st_mode)); keep the database and secret in a folder of mode 0700 ('chmod 700 \(folder)')"))
            }
        }
        return findings.isEmpty ? [.ok("secret", "\(path) has mode \(octal(status.st_mode)) and belongs to \(userName(status.st_uid))")] : findings
    }

    /// Free space on the database's file system against `--min-free-disk-mb`.
    static func disk(_ settings: ServeSettings) -> DoctorFinding {
        if settings.postgres { return .ok("disk", "the data lives on the PostgreSQL server, whose disk its operators watch") }
        // The nearest folder that exists: the database's own may not be made yet.
        var folder = settings.database.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.path), folder.path != "/" { folder.deleteLastPathComponent() }
        var volume = statvfs()
        guard statvfs(folder.path, &volume) == 0 else {
            return .error("disk", "cannot read the free space of \(folder.path): \(String(cString: strerror(errno)))")
        }
        let freeMB = (Int64(volume.f_bavail) * Int64(volume.f_frsize)) >> 20
        let needed = settings.minimumFreeMB
        if freeMB < needed {
            return .error("disk", "\(freeMB) MB free on \(folder.path), under min-free-disk-mb \(needed) (the server says not ready); free space or move the database")
        }
        if freeMB < 2 * needed {
            return .warning("disk", "\(freeMB) MB free on \(folder.path), close to min-free-disk-mb \(needed)")
        }
        return .ok("disk", "\(freeMB) MB free on \(folder.path) (min-free-disk-mb \(needed))")
    }
}

extension Doctor {
    /// The uploads folder (`--files`): made at start when missing; otherwise a folder the server can
    /// write and other local users cannot read (learners' hand-ins).
    static func files(_ settings: ServeSettings) -> DoctorFinding {
        let path = settings.files.path
        var status = stat()
        guard stat(path, &status) == 0 else { return .ok("files", "\(path) does not exist yet; 'lectern serve' makes it (mode 0700)") }
        guard status.st_mode & S_IFMT == S_IFDIR else { return .error("files", "\(path) is not a folder; remove it or set 'files' to a folder") }
        guard access(path, W_OK | X_OK) == 0 else {
            return .error("files", "\(path) is not writable by \(userName(getuid())): uploads would fail; run 'chown \(userName(getuid())) \(path)'")
        }
        if status.st_mode & 0o077 != 0 {
            return .warning("files", "\(path) has mode \(octal(status.st_mode)): other local users can read learners' uploads; run 'chmod 700 \(path)'")
        }
        return .ok("files", "\(path) is the server's own (mode \(octal(status.st_mode)))")
    }
}

private func octal(_ mode: mode_t) -> String {
    "0" + String(mode & 0o777, radix: 8)
}

private func userName(_ uid: uid_t) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return String(cString: name)
}
