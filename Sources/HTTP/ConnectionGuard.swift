internal import CMicroHTTPD
import Foundation
import Synchronization
import Utilities

/// Counts open connections and closes those whose request headers do not arrive in time.
///
/// libmicrohttpd's idle timeout restarts on every byte, so a client sending one byte every few seconds
/// (slowloris) keeps a connection forever; it has no deadline for complete headers. The guard starts a
/// clock when a connection opens and again when a request on it is answered (keep-alive), stops it when
/// the headers are complete, and a watchdog thread shuts down the sockets whose clock ran past the
/// deadline. libmicrohttpd then sees the socket fail and closes the connection itself.
final class ConnectionGuard: Sendable {
    private struct Tracked {
        var socket: Int32
        /// When the connection started waiting for request headers; nil while a request is handled.
        var waitingSince: ContinuousClock.Instant?
    }

    private let deadline: Duration
    /// Connections by their libmicrohttpd handle, in shards by handle: every request touches its
    /// connection's entry twice, and one lock for all of them was the server's busiest (issue 15).
    private let shards: [Shard] = (0..<ConnectionGuard.shardCount).map { _ in Shard() }
    private static let shardCount = 64
    private let stopped = Atomic<Bool>(false)
    private let open = Atomic<Int>(0)

    private final class Shard: Sendable {
        let connections = Locked<[Int: Tracked]>([:])
    }

    private func shard(_ connection: OpaquePointer) -> Shard {
        // Handles are heap addresses: the low bits are alignment, the next ones spread well.
        shards[(Int(bitPattern: connection) >> 6) & (Self.shardCount - 1)]
    }

    /// - Parameter headerTimeoutSeconds: 0 turns the deadline off (connections are still counted).
    init(headerTimeoutSeconds: Int) {
        deadline = .seconds(headerTimeoutSeconds)
        guard headerTimeoutSeconds > 0 else { return }
        let thread = Thread { [self] in watch() }
        thread.name = "lectern-header-deadline"
        thread.start()
    }

    /// Open connections, those waiting for headers included.
    var openCount: Int { open.load(ordering: .relaxed) }

    func opened(_ connection: OpaquePointer) {
        let socket = lectern_connection_fd(connection)
        shard(connection).connections.withLock { $0[Int(bitPattern: connection)] = Tracked(socket: socket, waitingSince: .now) }
        open.add(1, ordering: .relaxed)
    }

    func closed(_ connection: OpaquePointer) {
        if shard(connection).connections.withLock({ $0.removeValue(forKey: Int(bitPattern: connection)) }) != nil {
            open.subtract(1, ordering: .relaxed)
        }
    }

    /// The request's headers are complete: its body and answer are bounded by other limits.
    func headersReceived(_ connection: OpaquePointer) {
        shard(connection).connections.withLock { $0[Int(bitPattern: connection)]?.waitingSince = nil }
    }

    /// A request was answered: a kept-alive connection has the same deadline for its next headers.
    func requestFinished(_ connection: OpaquePointer) {
        shard(connection).connections.withLock { $0[Int(bitPattern: connection)]?.waitingSince = .now }
    }

    /// Ends the watchdog thread (the server is stopping).
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func watch() {
        while !stopped.load(ordering: .relaxed) {
            usleep(250_000)
            let now = ContinuousClock.Instant.now
            for shard in shards {
                shard.connections.withLock { connections in
                    for (_, tracked) in connections {
                        guard let since = tracked.waitingSince, now - since > deadline, tracked.socket >= 0 else { continue }
                        // Under the shard's lock: libmicrohttpd reports a connection closed (`closed`, which needs
                        // the lock) before it closes the socket, so this descriptor cannot have been reused.
                        // shutdown, not close: the descriptor stays libmicrohttpd's to close.
                        shutdown(tracked.socket, Int32(SHUT_RDWR))
                    }
                }
            }
        }
    }
}
