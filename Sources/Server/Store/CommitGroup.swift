import Foundation

/// Group commit: writes that arrive while a commit is being synced to disk wait, then go to disk together
/// in the next transaction, so one fsync acknowledges many writes (issue 15 item 5).
///
/// The first writer to find no commit in flight leads: it takes every waiting write and runs them (see
/// `Store.write`); the others sleep until their group is done. Each write learns its own outcome, and
/// none is told "done" before the transaction holding it has committed.
final class CommitGroup: @unchecked Sendable {
    /// One write waiting for its group: the work, then its outcome, set by the group's leader.
    final class Member {
        /// The work, dropped once the group is done: `Store.write` must get its closure back unescaped.
        private var work: (() throws -> Void)?
        var failure: (any Error)?
        var done = false
        init(_ work: @escaping () throws -> Void) { self.work = work }
        func run() throws { try work?() }
        fileprivate func finish() {
            work = nil
            done = true
        }
    }

    /// A write reported done without having run: cannot happen, answered as an internal error if it did.
    struct NoResult: Error {}

    /// Guards `waiting` and `committing`, and wakes members when a group is done.
    private let condition = NSCondition()
    private var waiting: [Member] = []
    private var committing = false
    /// Groups committed and the size of the last one: for tests that show writes were grouped.
    private(set) var groups = 0
    private(set) var lastGroupSize = 0

    /// Writes waiting for the next group, and whether a group is being committed (for tests).
    var waitingCount: Int { condition.withLock { waiting.count } }
    var isCommitting: Bool { condition.withLock { committing } }

    /// Queues `member` and returns once its group has committed (or failed).
    /// - Parameter commit: runs one group in one transaction, setting each member's `failure`.
    /// - Throws: the member's own failure, or the commit's.
    func submit(_ member: Member, commit: ([Member]) -> Void) throws {
        condition.lock()
        waiting.append(member)
        while committing && !member.done { condition.wait() }
        if !member.done {
            // No commit in flight: this writer leads everything that has queued up, itself included.
            committing = true
            let group = waiting
            waiting = []
            condition.unlock()
            commit(group)
            condition.lock()
            for each in group { each.finish() }
            groups += 1
            lastGroupSize = group.count
            committing = false
            condition.broadcast()
        }
        condition.unlock()
        if let failure = member.failure { throw failure }
    }
}
