import Crypto
import Foundation
import Synchronization
import Utilities

/// The signed-in user a valid access token names.
/// The role is the one at sign-in; access decisions read the account's current role (`RequestContext`).
public struct AuthenticatedUser: Sendable, Equatable {
    public var id: Int
    public var role: Role
}

/// Issues and checks tokens: short-lived HS256 access tokens and rotating, single-use refresh tokens.
/// The signing secret lives next to the SQLite database (`lectern-secret.key`, mode 0600), made on first
/// start; with PostgreSQL it lives in the database (`server_secret`), shared by every instance.
public struct TokenService: Sendable {
    let secret: [UInt8]
    /// Access tokens whose signature was checked: a token cannot change, so its claims are kept and
    /// only its expiry is checked again (the HMAC and the JSON cost more than the rest of a read).
    let verified = VerifiedTokens()
    /// Seconds an access token is valid.
    public var accessLifetime = 15 * 60
    /// Seconds a refresh token is valid.
    public var refreshLifetime = 14 * 24 * 3600

    /// Loads the secret from `path`, creating it with 32 random bytes when missing.
    public init(secretPath: String) throws(TokenSecretError) {
        for _ in 0..<2 {
            if let data = FileManager.default.contents(atPath: secretPath) {
                // A damaged secret is an error, not something to replace: replacing it signs everyone out.
                guard data.count >= 32 else { throw TokenSecretError("the token secret \(secretPath) is damaged (under 32 bytes)") }
                // A secret copied in with a looser mode (0644) would let any local user sign tokens: keep it the owner's.
                var status = stat()
                if lstat(secretPath, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 {
                    _ = chmod(secretPath, status.st_mode & 0o700)
                }
                secret = Array(data)
                return
            }
            let bytes = SecureRandom.bytes(32)
            // Written whole aside with mode 0600, then linked into place: link never replaces a file, so of
            // two servers starting together on one folder the second reads the first one's secret, never half of it.
            let aside = secretPath + ".\(getpid())-\(Base64URL.encode(SecureRandom.bytes(6)))"
            let descriptor = open(aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw TokenSecretError("cannot create the token secret \(secretPath)") }
            let written = write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
            close(descriptor)
            defer { unlink(aside) }
            guard written else { throw TokenSecretError("cannot write the token secret \(secretPath)") }
            if link(aside, secretPath) == 0 {
                secret = bytes
                return
            }
            guard errno == EEXIST else { throw TokenSecretError("cannot create the token secret \(secretPath)") }
        }
        throw TokenSecretError("cannot create the token secret \(secretPath)")
    }

    init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The secret kept in the database (PostgreSQL), so a token one instance signed verifies on every other.
    public init(store: Store) throws {
        self.init(secret: try store.sharedSecret())
    }

    func accessToken(for user: User, now: Int) -> String {
        JWT.sign(["sub": String(user.id), "role": user.role.rawValue, "iat": now, "exp": now + accessLifetime, "typ": "access"], key: secret)
    }

    /// The user an `Authorization: Bearer …` access token names. - Throws: 401 for any bad token.
    func authenticate(_ header: String, now: Int) throws(HTTPError) -> AuthenticatedUser {
        if let (user, expiry) = verified.lookup(header), expiry > now { return user }
        let user = try check(header, now: now)
        return user
    }

    private func check(_ header: String, now: Int) throws(HTTPError) -> AuthenticatedUser {
        guard header.hasPrefix("Bearer ") else { throw .unauthorized }
        let claims: [String: Any]
        do {
            claims = try JWT.verify(String(header.dropFirst("Bearer ".count)), key: secret, now: now)
        } catch .expired {
            throw HTTPError(401, "the access token has expired", headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
        } catch {
            throw HTTPError(401, "the access token is not valid", headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
        }
        guard claims["typ"] as? String == "access", let subject = claims["sub"] as? String, let id = Int(subject),
              let role = (claims["role"] as? String).flatMap(Role.init(rawValue:)) else { throw HTTPError(401, "the access token is not valid") }
        let user = AuthenticatedUser(id: id, role: role)
        if let expiry = (claims["exp"] as? NSNumber)?.intValue { verified.keep(header, user: user, expiry: expiry) }
        return user
    }

    /// A new refresh token and the hash the database keeps (the token itself is never stored).
    func newRefreshToken() -> (token: String, hash: String) {
        let token = SecureRandom.token(32)
        return (token, hash(refreshToken: token))
    }

    func hash(refreshToken: String) -> String {
        Base64URL.encode(HMACSHA256.authenticate(Array(refreshToken.utf8), key: secret))
    }
}

/// Authorization headers whose token verified, with its claims and expiry; at most `limit` are kept.
final class VerifiedTokens: Sendable {
    private let tokens = Locked<[String: (user: AuthenticatedUser, expiry: Int)]>([:])
    static let limit = 4096

    func lookup(_ header: String) -> (AuthenticatedUser, Int)? {
        tokens.withLock { $0[header] }.map { ($0.user, $0.expiry) }
    }

    func keep(_ header: String, user: AuthenticatedUser, expiry: Int) {
        tokens.withLock { tokens in
            // Past the limit, start over: the next request of each client verifies its token again.
            if tokens.count >= Self.limit { tokens.removeAll(keepingCapacity: true) }
            tokens[header] = (user, expiry)
        }
    }
}

/// The token secret file cannot be read or made; the server cannot start without it.
public struct TokenSecretError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
