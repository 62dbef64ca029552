import Foundation

/// Threads for argon2id, one per core: password hashing is the server's heaviest work (tens of
/// milliseconds of a core and 9 MiB each), so it runs here, as many at once as there are cores, while the
/// HTTP threads wait (issue 15 item 7: 40 sign-ins at once spread over every core, memory bounded).
final class HashingPool: @unchecked Sendable {
    static let shared = HashingPool(threads: max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// One piece of work and the signal that it is done.
    private final class Job {
        /// Dropped once run, before `done` is signalled: `run` must get its closure back unescaped.
        var work: (() -> Void)?
        let done = DispatchSemaphore(value: 0)
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// Guards `queue`; signalled when work arrives.
    private let condition = NSCondition()
    private var queue: [Job] = []

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [self] in serve() }
            thread.name = "lectern-argon2id-\(index)"
            thread.start()
        }
    }

    /// Runs `body` on one of the pool's threads and returns its result, waiting for it.
    func run<Result>(_ body: () -> Result) -> Result {
        var result: Result?
        withoutActuallyEscaping(body) { body in
            // `run` waits for the job below, so nothing it captures outlives the call.
            let job = Job { result = body() }
            condition.withLock {
                queue.append(job)
                condition.signal()
            }
            job.done.wait()
        }
        return result!
    }

    private func serve() {
        while true {
            let job = condition.withLock {
                while queue.isEmpty { condition.wait() }
                return queue.removeFirst()
            }
            job.work?()
            job.work = nil
            job.done.signal()
        }
    }
}
