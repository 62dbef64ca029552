import Foundation

/// A one-line progress counter on standard error for long builds, only when it is a terminal.
enum ProgressLine {
    static let isTerminal = isatty(2) == 1

    /// Prints "rendering pages n/total" at most every 1% or so.
    @Sendable static func report(_ done: Int, _ total: Int) {
        guard isTerminal, total >= 500, done == total || done % max(1, total / 100) == 0 else { return }
        FileHandle.standardError.write(Data("\rrendering pages \(done)/\(total)".utf8))
    }

    static func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
