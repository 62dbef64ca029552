internal import CSodium

/// HMAC-SHA-256 (libsodium), for signing tokens.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key` (any key length).
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        _ = Sodium.ready
        var state = crypto_auth_hmacsha256_state()
        var output = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        crypto_auth_hmacsha256_init(&state, key, key.count)
        crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        crypto_auth_hmacsha256_final(&state, &output)
        return output
    }

    /// Compares two codes in constant time.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && sodium_memcmp(a, b, a.count) == 0
    }
}

/// Cryptographically secure random bytes.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        _ = Sodium.ready
        var output = [UInt8](repeating: 0, count: count)
        randombytes_buf(&output, count)
        return output
    }

    /// A uniformly random number below `upperBound` (libsodium avoids the modulo bias).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        _ = Sodium.ready
        return randombytes_uniform(upperBound)
    }

    /// `count` random bytes as URL-safe base64 without padding: tokens.
    public static func token(_ count: Int = 32) -> String {
        Base64URL.encode(bytes(count))
    }

    /// `count` characters drawn uniformly from `alphabet`: codes people read, type or paste into a spreadsheet.
    public static func string(_ count: Int, from alphabet: [Character]) -> String {
        String((0..<count).map { _ in alphabet[Int(uniform(UInt32(alphabet.count)))] })
    }
}
