import Utilities

/// Counts the writer's transactions and other processes' commits: the stamps response caches compare.
///
/// Per table would be finer, but SQLite's change hook says nothing about WITHOUT ROWID tables (progress,
/// bookmarks, grades) nor about rows removed by a foreign key: any commit counts, which can only make a
/// kept answer miss, never make it stale.
final class ChangeLog: Sendable {
    private struct State {
        var commits = 0
        var epoch = 0
    }
    private let state = Locked(State())

    /// The writer's transaction ended (committed or not).
    func committed() {
        state.withLock { $0.commits += 1 }
    }

    /// Another process committed.
    func changedElsewhere() {
        state.withLock { $0.epoch += 1 }
    }

    var stamp: [Int] {
        state.withLock { [$0.epoch, $0.commits] }
    }
}
