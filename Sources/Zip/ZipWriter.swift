internal import CZip
import Foundation

/// Writes a ZIP archive with libzip, byte for byte the same for the same entries: entries in name order,
/// one fixed timestamp (1980-01-01, the DOS epoch), fixed Unix permissions. Files added from disk are
/// streamed by libzip when the archive is closed, never loaded whole into memory.
public final class ZipWriter {
    private enum Source {
        case data(Data)
        case file(String)
    }

    private let path: String
    private var entries: [String: Source] = [:]

    /// Prepares an archive at `path`; nothing is written before `close()`.
    public init(path: String) {
        self.path = path
    }

    /// Adds bytes from memory.
    public func add(_ data: Data, at name: String) {
        entries[name] = .data(data)
    }

    /// Adds a file from disk, read only while the archive is written.
    public func addFile(_ source: String, at name: String) {
        entries[name] = .file(source)
    }

    /// The entry names added so far.
    public var names: [String] { entries.keys.sorted() }

    /// Writes the archive. libzip writes to a temporary file and renames it over `path`, so a failure
    /// never leaves a half-written archive.
    /// - Parameter first: names to put before the others (e.g. `imsmanifest.xml`).
    /// - Throws: `ZipError` with libzip's message.
    public func close(first: [String] = []) throws(ZipError) {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
            var error = zip_error_t()
            zip_error_init_with_code(&error, code)
            defer { zip_error_fini(&error) }
            throw ZipError(message: "cannot create \(path): \(String(cString: zip_error_strerror(&error)))")
        }
        let ordered = first.filter { entries[$0] != nil } + entries.keys.filter { !first.contains($0) }.sorted()
        do {
            for name in ordered { try add(name, entries[name]!, to: archive) }
        } catch {
            zip_discard(archive)
            throw error
        }
        guard zip_close(archive) == 0 else {
            let message = String(cString: zip_strerror(archive))
            zip_discard(archive)
            throw ZipError(message: "cannot write \(path): \(message)")
        }
    }

    private func add(_ name: String, _ entry: Source, to archive: OpaquePointer) throws(ZipError) {
        let source: OpaquePointer?
        switch entry {
        case .data(let data):
            // libzip reads the buffer at zip_close, so it gets its own copy that it frees (freep = 1).
            let buffer = malloc(max(data.count, 1))!
            data.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(buffer), byteCount: data.count) }
            source = zip_source_buffer(archive, buffer, zip_uint64_t(data.count), 1)
            if source == nil { free(buffer) }
        case .file(let path):
            guard FileManager.default.isReadableFile(atPath: path) else { throw ZipError(message: "cannot read \(path)") }
            source = zip_source_file(archive, path, 0, -1)
        }
        guard let source else { throw ZipError(message: "cannot add \(name): \(String(cString: zip_strerror(archive)))") }
        let index = zip_file_add(archive, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE))
        guard index >= 0 else {
            zip_source_free(source)
            throw ZipError(message: "cannot add \(name): \(String(cString: zip_strerror(archive)))")
        }
        let entry = zip_uint64_t(index)
        // DOS date 1980-01-01 (day 1, month 1, year 0), time 00:00. zip_file_set_mtime would go
        // through localtime() and change the bytes with the TZ variable.
        zip_file_set_dostime(archive, entry, 0, (1 << 5) | 1, 0)
        zip_file_set_external_attributes(archive, entry, 0, zip_uint8_t(ZIP_OPSYS_UNIX), zip_uint32_t(0o100644) << 16)
        // Media are already compressed: storing them saves time and changes no size.
        let method = Self.isCompressed(name) ? ZIP_CM_STORE : ZIP_CM_DEFLATE
        zip_set_file_compression(archive, entry, method, 0)
    }

    static func isCompressed(_ name: String) -> Bool {
        let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["png", "jpg", "jpeg", "gif", "webp", "avif", "mp3", "mp4", "m4a", "m4v", "webm", "ogg", "oga", "ogv",
                "zip", "woff", "woff2", "pdf"].contains(suffix)
    }
}

/// libzip could not write the archive.
public struct ZipError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The archive's bytes are at fault (a bad checksum, a truncated entry), not the disk or the caller.
    public var isDamage = false
    public init(message: String, isDamage: Bool = false) { self.message = message; self.isDamage = isDamage }
    public var description: String { message }
}
