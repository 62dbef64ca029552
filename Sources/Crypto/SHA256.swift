internal import CSodium

/// SHA-256 (libsodium), for ids derived from names.
public enum SHA256 {
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        _ = Sodium.ready
        var output = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256(&output, bytes, UInt64(bytes.count))
        return output
    }
}
