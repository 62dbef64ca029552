internal import CZip
import Foundation

/// Reads the entry names and contents of a ZIP archive (for checks and tests).
public struct ZipReader {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Entry names in archive order.
    public func names() throws(ZipError) -> [String] {
        let archive = try openArchive()
        defer { zip_discard(archive) }
        let count = zip_get_num_entries(archive, 0)
        return (0..<max(count, 0)).compactMap { index in
            zip_get_name(archive, zip_uint64_t(index), 0).map { String(cString: $0) }
        }
    }

    /// The uncompressed bytes of one entry; refused when it would be larger than `maxBytes` (an
    /// uploaded archive may claim anything).
    public func data(_ name: String, maxBytes: Int = .max) throws(ZipError) -> Data {
        let archive = try openArchive()
        defer { zip_discard(archive) }
        var info = zip_stat_t()
        guard zip_stat(archive, name, 0, &info) == 0, let file = zip_fopen(archive, name, 0) else {
            throw ZipError(message: "\(path) has no entry \(name)")
        }
        defer { zip_fclose(file) }
        guard info.size <= UInt64(maxBytes) else { throw ZipError(message: "entry \(name) of \(path) is larger than \(maxBytes) bytes") }
        var data = Data(count: Int(info.size))
        let read = data.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, info.size) }
        guard read == Int64(info.size) else { throw ZipError(message: "cannot read \(name) in \(path)") }
        return data
    }

    func openArchive() throws(ZipError) -> OpaquePointer {
        var code: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &code) else { throw ZipError(message: "cannot open \(path) (libzip error \(code))") }
        return archive
    }
}
