import Foundation

/// A value behind a plain mutex (`NSLock`, a pthread mutex), for state every request touches.
///
/// Synchronization's `Mutex` uses priority-inheritance futexes on Linux: a contended lock is handed to a
/// sleeping waiter, and no running thread may take it until that waiter is scheduled. With many HTTP
/// threads on two cores those convoys cost more than the work they guarded (a fifth of an API read in
/// the issue 15 profile); a plain mutex lets the running thread take it.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
