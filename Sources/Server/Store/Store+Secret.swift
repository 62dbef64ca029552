import Crypto
import Foundation

extension Store {
    /// The token signing secret every instance on this PostgreSQL database shares: made once by whichever
    /// starts first (a conflict leaves the first one), read by every other.
    public func sharedSecret() throws -> [UInt8] {
        let candidate = Base64URL.encode(SecureRandom.bytes(32))
        let stored = try write { db in
            try db.prepare("INSERT INTO server_secret (name, value) VALUES ('token', ?) ON CONFLICT (name) DO NOTHING").run([.text(candidate)])
            return try db.prepare("SELECT value FROM server_secret WHERE name = 'token'").first([]) { $0.string(0) ?? "" }
        }
        guard let stored, let bytes = Base64URL.decode(stored), bytes.count >= 32 else {
            throw StoreError.notFound("the token secret in the database is damaged (under 32 bytes)")
        }
        return bytes
    }
}
