import Foundation

/// HS256 JSON Web Tokens (RFC 7519) signed with HMAC-SHA-256. Verification accepts exactly the header
/// this module writes, so `alg: none` and algorithm confusion are refused by construction.
public enum JWT {
    /// Why a token was refused.
    public enum Failure: Error, Sendable, Equatable {
        case malformed
        case unsupportedAlgorithm
        case badSignature
        case expired
    }

    static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// Signs claims (a JSON object) with `key`.
    public static func sign(_ claims: [String: Any], key: [UInt8]) -> String {
        let payload = (try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])) ?? Data("{}".utf8)
        let signingInput = header + "." + Base64URL.encode(Array(payload))
        return signingInput + "." + Base64URL.encode(HMACSHA256.authenticate(Array(signingInput.utf8), key: key))
    }

    /// Checks the signature and expiry and returns the claims.
    /// - Parameter now: seconds since 1970; a token whose `exp` is at or before it is expired.
    public static func verify(_ token: String, key: [UInt8], now: Int) throws(Failure) -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed }
        // Tokens this module signed carry exactly its header; anything else is read to say why it is refused.
        if parts[0] != Self.header {
            guard let headerBytes = Base64URL.decode(String(parts[0])),
                  let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any] else { throw .malformed }
            guard header["alg"] as? String == "HS256" else { throw .unsupportedAlgorithm }
        }
        guard let signature = Base64URL.decode(String(parts[2])) else { throw .malformed }
        let expected = HMACSHA256.authenticate(Array((parts[0] + "." + parts[1]).utf8), key: key)
        guard HMACSHA256.equal(signature, expected) else { throw .badSignature }
        guard let payload = Base64URL.decode(String(parts[1])),
              let claims = try? JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any] else { throw .malformed }
        guard let expiry = (claims["exp"] as? NSNumber)?.intValue, expiry > now else { throw .expired }
        return claims
    }
}
