import Dispatch
import Foundation

/// Group commit: writes that arrive while a commit is being synced to disk wait, then go to disk together
/// in the next transaction, so one fsync acknowledges many writes (issue 15 item 5).
///
/// One thread, the committer, owns the writes: it takes every write queued, runs them as one group
/// (`Store.commitGroup`), then tells each its outcome, and starts over while writes are queued. A write
/// is told "done" only after the transaction holding it has committed. A caller either waits for that
/// (`submit`) or leaves a continuation (`submitLater`), which the committer runs: the HTTP thread that
/// queued it goes on serving other connections meanwhile, and no thread sleeps per write.
final class CommitGroup: @unchecked Sendable {
    /// One write: the work, then its outcome, set by the committer.
    final class Member {
        /// The work, dropped once the group is done: `Store.write` must get its closure back unescaped.
        private var work: (() throws -> Void)?
        var failure: (any Error)?
        /// Runs on the committer once the group is done: wakes the waiting caller, or continues its work.
        fileprivate var finished: ((Member) -> Void)?
        init(_ work: @escaping () throws -> Void) { self.work = work }
        func run() throws { try work?() }
        fileprivate func finish() {
            work = nil
            let finished = self.finished
            self.finished = nil
            finished?(self)
        }
    }

    /// A write reported done without having run: cannot happen, answered as an internal error if it did.
    struct NoResult: Error {}
    /// A waiting write asked for by the committer itself (a `submitLater` continuation): it would wait forever.
    struct WriteFromCommitter: Error, CustomStringConvertible {
        var description: String { "a write was started from the commit thread, which would wait for itself" }
    }
    /// A write queued after `stop`.
    struct Stopped: Error, CustomStringConvertible {
        var description: String { "the database is closed" }
    }

    /// Guards the state below; signalled when a write is queued.
    private let condition = NSCondition()
    private var waiting: [Member] = []
    private var committing = false
    private var stopped = false
    /// The committer, once started.
    private var committer: Thread?
    /// Groups committed and the size of the last one: for tests that show writes were grouped.
    private var groupCount = 0
    private var lastSize = 0

    var groups: Int { condition.withLock { groupCount } }
    var lastGroupSize: Int { condition.withLock { lastSize } }
    /// Writes waiting for the next group, and whether a group is being committed (for tests).
    var waitingCount: Int { condition.withLock { waiting.count } }
    var isCommitting: Bool { condition.withLock { committing } }

    /// Starts the committer; writes queued before wait for it.
    /// - Parameter commit: runs one group in one transaction, setting each member's `failure`.
    func start(commit: @escaping @Sendable ([Member]) -> Void) {
        let thread = Thread { [self] in run(commit) }
        thread.name = "lectern-commits"
        condition.withLock { committer = thread }
        thread.start()
    }

    /// Queues `member` and returns once its group has committed (or failed).
    /// - Throws: the member's own failure, or the commit's.
    func submit(_ member: Member) throws {
        guard Thread.current !== condition.withLock({ committer }) else { throw WriteFromCommitter() }
        let done = DispatchSemaphore(value: 0)
        member.finished = { _ in done.signal() }
        try enqueue(member)
        done.wait()
        if let failure = member.failure { throw failure }
    }

    /// Queues `member` and returns at once; `then` runs on the committer once its group has committed
    /// (or failed), with the member's `failure` set.
    func submitLater(_ member: Member, then: @escaping (Member) -> Void) {
        member.finished = then
        do {
            try enqueue(member)
        } catch {
            member.failure = error
            member.finish()
        }
    }

    /// Commits what is queued, then ends the committer; later writes fail.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func enqueue(_ member: Member) throws {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { throw Stopped() }
        waiting.append(member)
        condition.signal()
    }

    private func run(_ commit: ([Member]) -> Void) {
        while true {
            condition.lock()
            while waiting.isEmpty && !stopped { condition.wait() }
            if waiting.isEmpty {
                condition.unlock()
                return
            }
            let group = waiting
            waiting = []
            committing = true
            condition.unlock()
            commit(group)
            condition.withLock {
                committing = false
                groupCount += 1
                lastSize = group.count
            }
            for member in group { member.finish() }
        }
    }
}
