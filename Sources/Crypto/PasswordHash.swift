internal import CSodium
import Foundation

/// Password storage with argon2id (libsodium's `crypto_pwhash_str`): the result holds algorithm,
/// parameters and salt, e.g. `$argon2id$v=19$m=9216,t=4,p=1$…`.
///
/// Parameters are OWASP's m = 9 MiB, t = 4 rather than libsodium's 64 MiB profile: a classroom kiosk has
/// little memory, and one hash per core at a time (`HashingPool`) keeps the server's peak within its budget.
public enum PasswordHash {
    static let memoryLimit = 9 * 1024 * 1024
    static let operationsLimit: UInt64 = 4

    /// Hashes a password; each call uses a new random salt. Takes about 0.1 s by design.
    public static func hash(_ password: String) -> String? {
        guard Sodium.ready else { return nil }
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        // A Swift string passed as `const char *` is NUL-terminated and valid for the call; the length excludes the NUL.
        let code = HashingPool.shared.run {
            crypto_pwhash_str(&output, password, UInt64(password.utf8.count), operationsLimit, memoryLimit)
        }
        guard code == 0 else { return nil }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches a stored hash (in constant time for a given hash).
    public static func verify(_ password: String, against stored: String) -> Bool {
        guard Sodium.ready, stored.utf8.count < Int(crypto_pwhash_STRBYTES) else { return false }
        var hash = Array(stored.utf8CString)
        hash += [CChar](repeating: 0, count: max(0, Int(crypto_pwhash_STRBYTES) - hash.count))
        return HashingPool.shared.run { crypto_pwhash_str_verify(hash, password, UInt64(password.utf8.count)) == 0 }
    }
}
