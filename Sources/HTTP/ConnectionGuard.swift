internal import CMicroHTTPD
import Foundation
import Synchronization

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
    /// Connections by their libmicrohttpd handle, and whether the watchdog should stop.
    private let state = Mutex<(connections: [Int: Tracked], stopped: Bool)>(([:], false))

    /// - Parameter headerTimeoutSeconds: 0 turns the deadline off (connections are still counted).
    init(headerTimeoutSeconds: Int) {
        deadline = .seconds(headerTimeoutSeconds)
        guard headerTimeoutSeconds > 0 else { return }
        let thread = Thread { [self] in watch() }
        thread.name = "lectern-header-deadline"
        thread.start()
    }

    /// Open connections, those waiting for headers included.
    var openCount: Int { state.withLock { $0.connections.count } }

    func opened(_ connection: OpaquePointer) {
        let socket = lectern_connection_fd(connection)
        state.withLock { $0.connections[Int(bitPattern: connection)] = Tracked(socket: socket, waitingSince: .now) }
    }

    func closed(_ connection: OpaquePointer) {
        _ = state.withLock { $0.connections.removeValue(forKey: Int(bitPattern: connection)) }
    }

    /// The request's headers are complete: its body and answer are bounded by other limits.
    func headersReceived(_ connection: OpaquePointer) {
        state.withLock { $0.connections[Int(bitPattern: connection)]?.waitingSince = nil }
    }

    /// A request was answered: a kept-alive connection has the same deadline for its next headers.
    func requestFinished(_ connection: OpaquePointer) {
        state.withLock { $0.connections[Int(bitPattern: connection)]?.waitingSince = .now }
    }

    /// Ends the watchdog thread (the server is stopping).
    func stop() {
        state.withLock { $0.stopped = true }
    }

    private func watch() {
        while true {
            usleep(250_000)
            let stopped = state.withLock { state -> Bool in
                guard !state.stopped else { return true }
                let now = ContinuousClock.Instant.now
                for (_, tracked) in state.connections {
                    guard let since = tracked.waitingSince, now - since > deadline, tracked.socket >= 0 else { continue }
                    // Under the lock: libmicrohttpd reports a connection closed (`closed`, which needs the
                    // lock) before it closes the socket, so this descriptor cannot have been reused.
                    // shutdown, not close: the descriptor stays libmicrohttpd's to close.
                    shutdown(tracked.socket, Int32(SHUT_RDWR))
                }
                return false
            }
            if stopped { return }
        }
    }
}
