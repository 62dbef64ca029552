import Foundation

/// The files folder of `lectern serve` (`--files`) and its `incoming/` folder, where request bodies are
/// streamed before a handler moves them into place.
enum UploadFolder {
    /// Creates both folders (0700: uploads are learners' work) and removes what a crash left in `incoming/`.
    /// - Returns: the `incoming/` folder.
    static func prepare(_ files: URL) throws -> URL {
        let incoming = files.appendingPathComponent("incoming")
        let manager = FileManager.default
        for folder in [files, incoming] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        }
        // Another instance sharing the folder may be receiving right now: only uploads older than a day are left over.
        let dayAgo = Date().addingTimeInterval(-86_400)
        for name in (try? manager.contentsOfDirectory(atPath: incoming.path)) ?? [] where name.hasPrefix("upload-") {
            let path = incoming.appendingPathComponent(name).path
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < dayAgo {
                try? manager.removeItem(atPath: path)
            }
        }
        return incoming
    }
}
