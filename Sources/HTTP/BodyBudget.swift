internal import CMicroHTTPD
import Synchronization

/// The bytes of request bodies all connections together may hold in memory at once.
///
/// Each connection's own cap (`maxBodyBytes`) does not bound the total: a thousand connections each
/// sending most of a 1 MiB body and never finishing would hold a gigabyte. A request reserves its
/// bytes here before they are stored (all of a declared `Content-Length` at once) and gives them back
/// when it ends, however it ends.
final class BodyBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)
    /// Bytes given back since the heap was last trimmed.
    private let released = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    var usedBytes: Int { used.load(ordering: .relaxed) }

    /// Takes `bytes` from the budget, or returns false (and takes nothing) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = used.compareExchange(expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    /// Gives bytes back. glibc keeps freed memory for reuse, so after many megabytes come back the
    /// heap is trimmed and the process shrinks again.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        used.subtract(bytes, ordering: .relaxed)
        if released.add(bytes, ordering: .relaxed).newValue >= Self.trimAfterBytes {
            released.store(0, ordering: .relaxed)
            lectern_trim_heap()
        }
    }

    static let trimAfterBytes = 16 << 20
}
