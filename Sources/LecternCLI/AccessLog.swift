import Foundation

/// The server's access log on standard error, written in batches: one write per line would cost a
/// system call per request on the hot path.
final class AccessLog: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = ""
    private var flusher: Thread?

    init() {
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 0.2)
                self.flush()
            }
        }
        flusher = thread
        thread.start()
    }

    func write(_ line: String) {
        let shouldFlush = lock.withLock { () -> Bool in
            pending += line
            pending += "\n"
            return pending.utf8.count > 64 * 1024
        }
        if shouldFlush { flush() }
    }

    func flush() {
        let text = lock.withLock { () -> String in
            defer { pending = "" }
            return pending
        }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }
}
