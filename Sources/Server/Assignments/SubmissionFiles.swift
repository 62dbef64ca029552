import Crypto
import Foundation

/// Where handed-in files live: `<files folder>/submissions/<first two hex digits>/<SHA-256>`, outside the
/// served site, never named by anything a client sends. One copy per content, however many submissions name it.
struct SubmissionFiles: Sendable {
    let folder: URL

    init(filesFolder: URL) {
        folder = filesFolder.appendingPathComponent("submissions", isDirectory: true)
    }

    func path(of hash: String) -> String {
        folder.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash).path
    }

    /// Moves an upload in under its hash (`rename`, so a file is there whole or not at all).
    /// - Returns: the hash, and whether this call put the file there (false: the same content was there already).
    func keep(upload path: String) throws -> (hash: String, added: Bool) {
        guard let hash = SHA256.hexHash(ofFileAt: path) else { throw HTTPError(500, "the upload could not be read") }
        let target = self.path(of: hash)
        let manager = FileManager.default
        if manager.fileExists(atPath: target) { return (hash, false) }
        try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        guard rename(path, target) == 0 else { throw HTTPError(500, "the upload could not be stored") }
        return (hash, true)
    }

    func remove(_ hash: String) {
        try? FileManager.default.removeItem(atPath: path(of: hash))
    }

    /// ZIPs of submissions made for download, in the files folder (private, 0700) rather than in memory.
    var archives: URL { folder.deletingLastPathComponent().appendingPathComponent("archives", isDirectory: true) }

    /// A new path for a ZIP to send; ZIPs sent more than an hour ago are removed first (a response's file
    /// must outlive its handler, so each is removed by a later request).
    func newArchivePath() throws -> String {
        let manager = FileManager.default
        try manager.createDirectory(at: archives, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in (try? manager.contentsOfDirectory(atPath: archives.path)) ?? [] {
            let path = archives.appendingPathComponent(name).path
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < hourAgo {
                try? manager.removeItem(atPath: path)
            }
        }
        return archives.appendingPathComponent(UUID().uuidString + ".zip").path
    }
}
