import Crypto
import Foundation
import HTTP

/// Takes one uploaded ZIP into the hosted packages: checked, extracted aside, renamed into place, recorded.
/// A refused or failed upload leaves nothing behind.
struct ScormPackageIntake {
    let store: any Storage
    let intake: ScormIntake
    /// `files/scorm/`.
    let folder: URL

    /// - Parameters:
    ///   - uploader: the account that uploaded it; nil for packages of `lectern serve --scorm-dir`.
    func accept(_ path: String, byteCount: Int, by uploader: Int?) throws -> ScormPackage {
        guard let sha256 = SHA256.hexHash(fileAt: path) else { throw HTTPError(500, "cannot read the upload") }
        if let existing = try store.scormPackage(sha256: sha256) {
            throw HTTPError.conflict("this package is already hosted as '\(existing.slug)' (id \(existing.id))", code: "already_hosted")
        }
        let manifest: ScormManifestSummary
        do { manifest = try intake.inspect(path) } catch {
            throw HTTPError(422, error.message, code: error.code)
        }
        let target = folder.appendingPathComponent(sha256)
        try unpack(path, into: target)
        do {
            return try store.addScormPackage(sha256: sha256, manifest: manifest, byteCount: byteCount, uploadedBy: uploader)
        } catch StoreError.duplicate(.scormPackage) {
            // The same content uploaded at the same moment: the other upload owns the folder.
            throw HTTPError.conflict("this package is already hosted", code: "already_hosted")
        } catch {
            Self.removeFiles(of: sha256, in: folder)
            throw error
        }
    }

    /// Extracts into a private folder beside the target, then renames it into place, so a package's folder
    /// is either absent or complete.
    private func unpack(_ zip: String, into target: URL) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw HTTPError(500, "cannot create the SCORM folder") }
        let aside = folder.appendingPathComponent(".extract-" + UUID().uuidString)
        do {
            try manager.createDirectory(at: aside, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            try intake.extract(zip, aside)
        } catch let refusal as ScormRefusal {
            try? manager.removeItem(at: aside)
            throw HTTPError(422, refusal.message, code: refusal.code)
        } catch {
            try? manager.removeItem(at: aside)
            throw HTTPError(507, "cannot extract the package: \(error)")
        }
        // A folder already there was renamed into place complete, from these same bytes (its name is their
        // hash): by the same upload on another instance, or left by a removal that stopped half-way. Kept.
        if manager.fileExists(atPath: target.path) {
            try? manager.removeItem(at: aside)
            return
        }
        guard rename(aside.path, target.path) == 0 else {
            try? manager.removeItem(at: aside)
            throw HTTPError(500, "cannot move the extracted package into place")
        }
    }

    /// Renames the folder aside before deleting it, so it is never served half-deleted.
    static func removeFiles(of sha256: String, in folder: URL) {
        let target = folder.appendingPathComponent(sha256)
        let doomed = folder.appendingPathComponent(".remove-" + UUID().uuidString)
        if rename(target.path, doomed.path) == 0 { try? FileManager.default.removeItem(at: doomed) }
    }
}
