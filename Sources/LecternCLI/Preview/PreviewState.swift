import Foundation

/// What the preview's HTTP threads read and its watcher writes: the build version browsers poll,
/// and the errors of the last build, shown instead of the site until they are fixed.
final class PreviewState: @unchecked Sendable {
    private let lock = NSLock()
    private var version = 0
    private var errors: String?

    var current: (version: Int, errors: String?) {
        lock.withLock { (version, errors) }
    }

    func succeeded() {
        lock.withLock {
            version += 1
            errors = nil
        }
    }

    func failed(_ text: String) {
        lock.withLock {
            version += 1
            errors = text
        }
    }
}
