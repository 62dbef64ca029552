internal import CZip
import Foundation

/// One entry as the archive's central directory describes it, before anything is extracted.
public struct ZipEntry: Sendable, Equatable {
    public init(name: String, size: UInt64, isSymlink: Bool, isEncrypted: Bool = false, isReadable: Bool = true) {
        self.name = name; self.size = size; self.isSymlink = isSymlink; self.isEncrypted = isEncrypted; self.isReadable = isReadable
    }

    public var name: String
    /// Uncompressed bytes, as declared (extraction stops at this many).
    public var size: UInt64
    /// Whether the entry is a symbolic link (Unix mode in the external attributes).
    public var isSymlink: Bool
    /// Encrypted (packages are not), or compressed with a method this libzip cannot expand.
    public var isEncrypted: Bool
    public var isReadable: Bool
    public var isDirectory: Bool { name.hasSuffix("/") }
}

extension ZipReader {
    /// The entries, in archive order, with their declared sizes and kinds.
    public func entries() throws(ZipError) -> [ZipEntry] {
        let archive = try openArchive()
        defer { zip_discard(archive) }
        let count = zip_get_num_entries(archive, 0)
        var entries: [ZipEntry] = []
        for index in 0..<zip_uint64_t(max(count, 0)) {
            var info = zip_stat_t()
            guard zip_stat_index(archive, index, 0, &info) == 0, let name = info.name else {
                throw ZipError(message: "cannot read entry \(index) of \(path)")
            }
            var system: zip_uint8_t = 0
            var attributes: zip_uint32_t = 0
            zip_file_get_external_attributes(archive, index, 0, &system, &attributes)
            // Unix systems keep st_mode in the high 16 bits; a link's entry holds the target as its data.
            let mode = attributes >> 16
            let isLink = system == zip_uint8_t(ZIP_OPSYS_UNIX) && mode & 0o170000 == 0o120000
            entries.append(ZipEntry(name: String(cString: name), size: info.size, isSymlink: isLink,
                                    isEncrypted: info.encryption_method != zip_uint16_t(ZIP_EM_NONE),
                                    isReadable: zip_compression_method_supported(zip_int32_t(info.comp_method), 0) != 0))
        }
        return entries
    }

    /// Writes every regular entry under `folder` (which must exist), creating subfolders; no entry may
    /// write more than its declared size. Callers check the names first (`entries()`).
    public func extract(to folder: URL) throws(ZipError) {
        let archive = try openArchive()
        defer { zip_discard(archive) }
        let count = zip_get_num_entries(archive, 0)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        for index in 0..<zip_uint64_t(max(count, 0)) {
            var info = zip_stat_t()
            guard zip_stat_index(archive, index, 0, &info) == 0, let cName = info.name else { throw ZipError(message: "cannot read entry \(index)") }
            let name = String(cString: cName)
            let target = folder.appendingPathComponent(name)
            do {
                if name.hasSuffix("/") {
                    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
                    continue
                }
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw ZipError(message: "cannot create the folder for \(name): \(error.localizedDescription)")
            }
            guard let file = zip_fopen_index(archive, index, 0) else {
                throw ZipError(message: "entry '\(name)' cannot be opened: the archive is damaged", isDamage: true)
            }
            defer { zip_fclose(file) }
            let descriptor = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else { throw ZipError(message: "cannot write \(name): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            var written: UInt64 = 0
            while true {
                let read = buffer.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
                if read == 0 { break }
                guard read > 0 else { throw ZipError(message: "entry '\(name)' cannot be read: the archive is damaged", isDamage: true) }
                written += UInt64(read)
                guard written <= info.size else { throw ZipError(message: "entry '\(name)' holds more than its declared size", isDamage: true) }
                let ok = buffer.withUnsafeBytes { bytes -> Bool in
                    var offset = 0
                    while offset < Int(read) {
                        let count = Foundation.write(descriptor, bytes.baseAddress! + offset, Int(read) - offset)
                        if count <= 0 { return false }
                        offset += count
                    }
                    return true
                }
                guard ok else { throw ZipError(message: "cannot write \(name): \(String(cString: strerror(errno)))") }
            }
        }
    }
}
