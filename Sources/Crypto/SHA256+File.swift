internal import CSodium
import Foundation

extension SHA256 {
    /// The digest of a file read in chunks (uploads are never held in memory), as lowercase hex; nil when
    /// the file cannot be read.
    public static func hexHash(fileAt path: String) -> String? {
        _ = Sodium.ready
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 { if errno == EINTR { continue } else { return nil } }
            crypto_hash_sha256_update(&state, buffer, UInt64(count))
        }
        var output = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256_final(&state, &output)
        return output.map { String(format: "%02x", $0) }.joined()
    }
}
