internal import CSodium
import Foundation

/// SHA-256 (libsodium), for ids derived from names.
public enum SHA256 {
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        _ = Sodium.ready
        var output = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256(&output, bytes, UInt64(bytes.count))
        return output
    }
}

extension SHA256 {
    /// The hash of a file, read 64 KiB at a time (uploads are never held in memory), as lower-case hex;
    /// nil when it cannot be read.
    public static func hexHash(ofFileAt path: String) -> String? {
        _ = Sodium.ready
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 65_536) } catch { return nil }
            // nil or empty: the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            chunk.withUnsafeBytes { bytes in
                _ = crypto_hash_sha256_update(&state, bytes.bindMemory(to: UInt8.self).baseAddress, UInt64(bytes.count))
            }
        }
        var output = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256_final(&state, &output)
        return output.map { String(format: "%02x", $0) }.joined()
    }
}
