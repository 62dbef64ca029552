import Foundation
import Synchronization
import Utilities

/// The server's access log on standard error, written in batches: one write per line would cost a
/// system call per request on the hot path.
final class AccessLog: Sendable {
    private let pending = Locked("")

    init() {
        // The thread holds itself while it runs; it ends once the log is gone.
        Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 0.2)
                self.flush()
            }
        }.start()
    }

    func write(_ line: String) {
        let shouldFlush = pending.withLock { pending -> Bool in
            pending += line
            pending += "\n"
            return pending.utf8.count > 64 * 1024
        }
        if shouldFlush { flush() }
    }

    func flush() {
        let text = pending.withLock { pending -> String in
            defer { pending = "" }
            return pending
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
