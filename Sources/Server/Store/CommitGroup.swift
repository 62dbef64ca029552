import Dispatch
import Foundation

/// Group commit: writes that arrive while a commit is being synced to disk wait, then go to disk together
/// in the next transaction, so one fsync acknowledges many writes (issue 15 item 5).
///
/// The first writer to find no commit in flight leads: it runs its group (see `Store.write`), then wakes
/// each member of it, and hands the lead to the first write that queued meanwhile, which takes every
/// write queued by then. Each write learns its own outcome, and none is told "done" before the
/// transaction holding it has committed. Waking only the threads concerned (not all waiters at every
/// group) keeps context switches to about one per write.
final class CommitGroup: @unchecked Sendable {
    /// One write waiting for its group: the work, then its outcome, set by the group's leader.
    final class Member {
        /// The work, dropped once the group is done: `Store.write` must get its closure back unescaped.
        private var work: (() throws -> Void)?
        var failure: (any Error)?
        /// Set by the leader before it signals `wake`: the group holding this write is done.
        fileprivate var done = false
        /// Signalled once: the write's group is done, or (when not `done`) it now leads the next group.
        fileprivate let wake = DispatchSemaphore(value: 0)
        init(_ work: @escaping () throws -> Void) { self.work = work }
        func run() throws { try work?() }
        fileprivate func finish() {
            work = nil
            done = true
        }
    }

    /// A write reported done without having run: cannot happen, answered as an internal error if it did.
    struct NoResult: Error {}

    /// Guards `waiting`, `committing` and the counters below.
    private let lock = NSLock()
    private var waiting: [Member] = []
    private var committing = false
    /// Groups committed and the size of the last one: for tests that show writes were grouped.
    private var groupCount = 0
    private var lastSize = 0

    var groups: Int { lock.withLock { groupCount } }
    var lastGroupSize: Int { lock.withLock { lastSize } }
    /// Writes waiting for the next group, and whether a group is being committed (for tests).
    var waitingCount: Int { lock.withLock { waiting.count } }
    var isCommitting: Bool { lock.withLock { committing } }

    /// Queues `member` and returns once its group has committed (or failed).
    /// - Parameter commit: runs one group in one transaction, setting each member's `failure`.
    /// - Throws: the member's own failure, or the commit's.
    func submit(_ member: Member, commit: ([Member]) -> Void) throws {
        lock.lock()
        if committing {
            waiting.append(member)
            lock.unlock()
            member.wake.wait()
        } else {
            // No commit in flight (so nothing queued): this write leads a group of its own at once.
            committing = true
            waiting.append(member)
            lock.unlock()
        }
        if !member.done { lead(member, commit) }
        if let failure = member.failure { throw failure }
    }

    /// Commits every queued write as one group, wakes its members and passes the lead on.
    private func lead(_ leader: Member, _ commit: ([Member]) -> Void) {
        let group = lock.withLock {
            defer { waiting = [] }
            return waiting
        }
        commit(group)
        for each in group { each.finish() }
        let next: Member? = lock.withLock {
            groupCount += 1
            lastSize = group.count
            // Whoever queued while this group was committing leads the next one; else nobody is committing.
            if waiting.isEmpty { committing = false }
            return waiting.first
        }
        for each in group where each !== leader { each.wake.signal() }
        next?.wake.signal()
    }
}
