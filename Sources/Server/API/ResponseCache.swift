import HTTP
import Utilities

/// Answers kept while the records they were computed from are unchanged (issue 15 item 6): the catalog
/// list and a learner's courses are read far more often than they change. An answer is stored with the
/// stamp taken *before* it was computed, so a change that commits meanwhile makes it a miss, never stale.
final class ResponseCache: Sendable {
    private let entries = Locked<[String: (stamp: [Int], response: HTTPResponse)]>([:])
    /// Answers kept at most; past it the cache starts over.
    static let limit = 2048

    /// The kept answer for `key` when `stamp` still matches it, else `make()`'s (kept when it is a 200).
    /// A nil stamp (the database cannot tell now) always computes.
    func response(_ key: String, stamp: [Int]?, make: () throws -> HTTPResponse) rethrows -> HTTPResponse {
        guard let stamp else { return try make() }
        if let kept = entries.withLock({ $0[key] }), kept.stamp == stamp { return kept.response }
        var response = try make()
        guard response.status == 200 else { return response }
        // Kept bytes go out without being copied again (`SharedBytes`).
        if case .bytes(let bytes) = response.body { response.body = .shared(SharedBytes(bytes)) }
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = (stamp, response)
        }
        return response
    }
}
