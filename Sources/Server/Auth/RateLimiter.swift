import Foundation
import Synchronization
import Utilities

/// Token buckets by key (an IP address, an account): `capacity` requests at once, refilled at
/// `perSecond`. Memory stays bounded: buckets that have refilled are forgotten.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    let capacity: Double
    let perSecond: Double
    private let buckets = Locked<[String: Bucket]>([:])

    init(capacity: Double, perSecond: Double) {
        self.capacity = capacity
        self.perSecond = perSecond
    }

    /// `perMinute` requests a minute, and up to half of them at once.
    convenience init(perMinute: Int) {
        self.init(capacity: max(1, Double(perMinute) / 2), perSecond: Double(perMinute) / 60)
    }

    /// Takes one token for `key`; when there is none, the seconds until there will be one.
    func take(_ key: String, now: Double = Date().timeIntervalSince1970) -> Int? {
        buckets.withLock { buckets in
            if buckets.count > 10_000 { buckets = buckets.filter { now - $0.value.updated < capacity / perSecond } }
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * perSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            guard bucket.tokens >= 1 else { return Int(((1 - bucket.tokens) / perSecond).rounded(.up)) }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// How many API requests a minute one client address, and one signed-in account, may make, and how many
/// sign-ins and registrations a minute one client address may make; nil for no limit. Behind a reverse
/// proxy, name it as trusted (`TrustedProxies`) so the client address is the learner's, not the proxy's.
public struct RateLimits: Sendable {
    public var perAddress: Int?
    public var perAccount: Int?
    public var signInsPerAddress: Int?

    public init(perAddress: Int? = 600, perAccount: Int? = 300, signInsPerAddress: Int? = 20) {
        self.perAddress = perAddress
        self.perAccount = perAccount
        self.signInsPerAddress = signInsPerAddress
    }
}

/// Locks an account for a while after repeated failed sign-ins, so passwords cannot be guessed online.
final class LoginLockout: Sendable {
    let maxFailures: Int
    let lockSeconds: Int
    private let failures = Locked<[String: (count: Int, lockedUntil: Int)]>([:])

    init(maxFailures: Int = 5, lockSeconds: Int = 15 * 60) {
        self.maxFailures = maxFailures
        self.lockSeconds = lockSeconds
    }

    /// Seconds the account stays locked, or nil.
    func lockedFor(_ account: String, now: Int) -> Int? {
        failures.withLock { failures in
            guard let entry = failures[account], entry.lockedUntil > now else { return nil }
            return entry.lockedUntil - now
        }
    }

    func failed(_ account: String, now: Int) {
        failures.withLock { failures in
            // Bounded: forget entries whose lock has passed once the table grows.
            if failures.count > 10_000 { failures = failures.filter { $0.value.lockedUntil > now } }
            if failures.count > 10_000 { failures.removeAll() }
            var entry = failures[account] ?? (0, 0)
            entry.count += 1
            if entry.count >= maxFailures {
                entry = (0, now + lockSeconds)
            }
            failures[account] = entry
        }
    }

    func succeeded(_ account: String) {
        _ = failures.withLock { $0.removeValue(forKey: account) }
    }
}

/// The limits' counters of one server process. Kept apart from `APIServer` so a course reload, which
/// makes a new `APIServer`, does not hand every client a fresh allowance or unlock locked accounts.
public final class Limiters: Sendable {
    let perAddress: RateLimiter?
    let perAccount: RateLimiter?
    /// Sign-ins and registrations per client address: N a minute, all N at once (20: one every 3 seconds).
    let signIns: RateLimiter?
    let lockout = LoginLockout()
    let basicSignIns = BasicSignIns()

    public init(_ limits: RateLimits) {
        perAddress = limits.perAddress.map { RateLimiter(perMinute: $0) }
        perAccount = limits.perAccount.map { RateLimiter(perMinute: $0) }
        signIns = limits.signInsPerAddress.map { RateLimiter(capacity: Double($0), perSecond: Double($0) / 60) }
    }
}
