import Foundation
import Synchronization

/// What the preview's HTTP threads read and its watcher writes: the build version browsers poll,
/// and the errors of the last build, shown instead of the site until they are fixed.
final class PreviewState: Sendable {
    private let state = Mutex<(version: Int, errors: String?)>((0, nil))

    var current: (version: Int, errors: String?) {
        state.withLock { $0 }
    }

    func succeeded() {
        state.withLock { $0 = ($0.version + 1, nil) }
    }

    func failed(_ text: String) {
        state.withLock { $0 = ($0.version + 1, text) }
    }
}
