import Foundation
import Synchronization
import Utilities

/// Accounts by id as last read, so checking an access token costs no query (issue 15 item 6).
///
/// An entry is dropped as soon as the row changes: the writer's change hook names the rows a
/// transaction touched, and `committed()` drops them once it is durable, before any write in it is
/// answered; any commit seen since the last look, another process's included (`lectern users …`), clears
/// everything (`PRAGMA data_version`, see `Store.noForeignCommits`).
/// A generation number keeps a read that raced a change from storing what it read.
final class AccountCache: Sendable {
    private struct State {
        var users: [Int: User?] = [:]
        var generation = 0
        /// Rows changed by the writer's transaction in progress.
        var changed: Set<Int> = []
    }
    private let state = Locked(State())
    /// Entries kept at most; past it the cache starts over (a kiosk has a few hundred accounts).
    static let limit = 10_000

    /// The cached account (`.some(nil)`: deleted), or nil when not cached; with the generation to pass to `store`.
    func lookup(_ id: Int) -> (user: User??, generation: Int) {
        state.withLock { ($0.users[id], $0.generation) }
    }

    /// Keeps what a read found, unless something changed since `generation`.
    func store(_ user: User?, id: Int, generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.users.count >= Self.limit { state.users = [:] }
            state.users[id] = .some(user)
        }
    }

    /// The writer changed this account's row (called from the change hook, inside the transaction).
    func rowChanged(_ id: Int) {
        state.withLock { state in
            state.changed.insert(id)
            state.generation += 1
        }
    }

    /// The writer's transaction ended (committed or not): its changed rows are forgotten.
    func committed() {
        state.withLock { state in
            for id in state.changed { state.users[id] = nil }
            state.changed = []
            state.generation += 1
        }
    }

    /// Another connection committed: anything may have changed.
    func clear() {
        state.withLock { state in
            state.users = [:]
            state.generation += 1
        }
    }
}
