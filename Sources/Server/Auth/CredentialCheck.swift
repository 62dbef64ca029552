import Crypto
import Foundation

/// A login and password checked the one way every sign-in is: the lockout per account and client
/// address, a disabled or unapproved account refused before its password is tried, and the same answer
/// after the same argon2id work for an unknown login and a wrong password. The sign-in form and the
/// xAPI endpoint's HTTP Basic both use it, so neither is an easier place to guess passwords.
struct CredentialCheck: Sendable {
    let store: any Storage
    let lockout: LoginLockout

    /// The account, once its password is right. - Throws: 423 (locked), 403 (refused), 401 (wrong), each logged.
    func account(login: String, password: String, address: String) throws -> User {
        guard login.utf8.count <= 254, password.utf8.count <= 1024 else { throw HTTPError(401, "wrong login or password") }
        let found = try store.credentials(login: login)
        // Failures count per account and client address, whether the account is named by email or
        // username: guessing is stopped without letting anyone lock other people out from elsewhere.
        let key = (found.map { "user:\($0.0.id)" } ?? "login:" + Identity.username(login)) + "@" + address
        let now = Int(Date().timeIntervalSince1970)
        if let seconds = lockout.lockedFor(key, now: now) {
            throw HTTPError(423, "too many failed sign-ins; try again in \(seconds / 60 + 1) minutes", headers: [("Retry-After", String(seconds))])
        }
        // A disabled or unapproved account is refused before its password is tried, with the same answer
        // for a right and a wrong one: the refusal must not tell a guesser that the password was right.
        if let (user, _) = found, let refusal = Accounts.refusal(user) {
            _ = PasswordHash.verify(password, against: Self.dummyHash)
            store.record("login.refused", userID: user.id, detail: refusal, address: address)
            throw HTTPError(403, refusal)
        }
        // The same answer, after the same work, for an unknown login and a wrong password: no account discovery.
        guard let (user, hash) = found, PasswordHash.verify(password, against: hash) else {
            if found == nil { _ = PasswordHash.verify(password, against: Self.dummyHash) }
            lockout.failed(key, now: now)
            store.record("login.failed", userID: found?.0.id, detail: String(login.prefix(100)), address: address)
            if lockout.lockedFor(key, now: now) != nil {
                store.record("account.locked", userID: found?.0.id, detail: String(login.prefix(100)), address: address)
            }
            throw HTTPError(401, "wrong login or password")
        }
        lockout.succeeded(key)
        return user
    }

    /// Verified against when a login names no account, so both answers take the time of one argon2id run.
    static let dummyHash = PasswordHash.hash("lectern dummy password for unknown accounts") ?? ""
}
