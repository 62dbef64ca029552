import CourseModel
import Foundation
import SQLite

/// A SCORM package an administrator or instructor uploaded, served from `files/scorm/<sha256>/`.
public struct ScormPackage: Sendable, Codable, Equatable {
    public var id: Int
    /// The catalog slug: `scorm-` and the first 12 hex digits of the ZIP's SHA-256.
    public var slug: String
    public var sha256: String
    public var edition: String
    public var title: String
    public var description: String
    public var scos: [ScormSco]
    /// The uploaded ZIP's size.
    public var byteCount: Int
    public var entryCount: Int
    public var extractedBytes: Int
    public var uploadedBy: Int?
    @Timestamp public var createdAt: Int
}

extension Store {
    static let scormColumns = "id, slug, sha256, edition, title, description, scos, byte_count, entry_count, extracted_bytes, uploaded_by, created_at"

    static func scormPackage(_ row: Row) -> ScormPackage {
        let scos = (try? JSONDecoder().decode([ScormSco].self, from: Data((row.string(6) ?? "[]").utf8))) ?? []
        return ScormPackage(id: row.int(0), slug: row.string(1) ?? "", sha256: row.string(2) ?? "", edition: row.string(3) ?? "",
                            title: row.string(4) ?? "", description: row.string(5) ?? "", scos: scos, byteCount: row.int(7),
                            entryCount: row.int(8), extractedBytes: row.int(9), uploadedBy: row.isNull(10) ? nil : row.int(10), createdAt: row.int(11))
    }

    func addScormPackage(sha256: String, manifest: ScormManifestSummary, byteCount: Int, uploadedBy: Int?) throws -> ScormPackage {
        let scos = String(decoding: try JSONEncoder().encode(manifest.scos), as: UTF8.self)
        do {
            let id = try write { db -> Int in
                try db.prepare("""
                    INSERT INTO scorm_package (slug, sha256, edition, title, description, scos, byte_count, entry_count, extracted_bytes, uploaded_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                    """).first([.text("scorm-" + sha256.prefix(12)), .text(sha256), .text(manifest.edition), .text(manifest.title),
                                .text(manifest.description), .text(scos), .integer(Int64(byteCount)), .integer(Int64(manifest.entryCount)),
                                .integer(Int64(manifest.extractedBytes)), uploadedBy.map { .integer(Int64($0)) } ?? .null, .integer(Int64(Self.now))]) { $0.int(0) } ?? 0
            }
            return try scormPackage(id: id)!
        } catch let error as any DatabaseFailure where error.isConstraint {
            throw StoreError.duplicate(.scormPackage)
        }
    }

    func scormPackage(id: Int) throws -> ScormPackage? {
        try read { db in try db.prepare("SELECT \(Self.scormColumns) FROM scorm_package WHERE id = ?").first([.integer(Int64(id))], Self.scormPackage) }
    }

    func scormPackage(sha256: String) throws -> ScormPackage? {
        try read { db in try db.prepare("SELECT \(Self.scormColumns) FROM scorm_package WHERE sha256 = ?").first([.text(sha256)], Self.scormPackage) }
    }

    func scormPackages() throws -> [ScormPackage] {
        try read { db in try db.prepare("SELECT \(Self.scormColumns) FROM scorm_package ORDER BY id").rows([], Self.scormPackage) }
    }

    func deleteScormPackage(id: Int) throws {
        _ = try write { db in try db.prepare("DELETE FROM scorm_package WHERE id = ?").run([.integer(Int64(id))]) }
    }
}
