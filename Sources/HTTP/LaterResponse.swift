internal import CMicroHTTPD
import Foundation

/// An answer given after the handler has returned: a write answered once its commit is on disk, without
/// holding one of the HTTP threads (and every connection that thread serves) while the disk syncs.
///
/// A handler returns `HTTPResponse.later(promise)` and hands `promise` to the work; whoever finishes it
/// calls `fulfill` once, from any thread. Middleware changes the eventual answer with `HTTPResponse.map`,
/// before the handler chain returns. The server suspends the connection until the answer is there
/// (libmicrohttpd's suspend and resume), or sends it at once when the work was quicker than the chain.
public final class LaterResponse: @unchecked Sendable {
    /// Guards everything below; held while the connection is suspended or resumed, so a resume never
    /// comes before its suspend.
    private let lock = NSLock()
    private var changes: [@Sendable (HTTPResponse) -> HTTPResponse] = []
    /// The answer as the work gave it, until the connection takes it.
    private var given: HTTPResponse?
    /// The connection waiting, once suspended.
    private var suspended: OpaquePointer?
    /// The answer with every change applied, for the resumed connection.
    private var final: HTTPResponse?

    public init() {}

    /// Gives the answer; later calls are ignored.
    public func fulfill(_ response: HTTPResponse) {
        lock.lock()
        defer { lock.unlock() }
        guard given == nil, final == nil else { return }
        guard let waiting = suspended else {
            given = response
            return
        }
        final = changed(response)
        suspended = nil
        MHD_resume_connection(waiting)
    }

    @usableFromInline
    func change(_ change: @escaping @Sendable (HTTPResponse) -> HTTPResponse) {
        lock.withLock { changes.append(change) }
    }

    /// Called by the server once the handler chain has returned: the answer to send now, or nil after
    /// suspending `connection` until `fulfill` resumes it.
    func answer(suspending connection: OpaquePointer) -> HTTPResponse? {
        lock.lock()
        defer { lock.unlock() }
        if let given {
            self.given = nil
            final = changed(given)
            return final
        }
        MHD_suspend_connection(connection)
        suspended = connection
        return nil
    }

    /// The answer for the connection `fulfill` resumed.
    func resumedAnswer() -> HTTPResponse? {
        lock.withLock { final }
    }

    private func changed(_ response: HTTPResponse) -> HTTPResponse {
        changes.reduce(response) { response, change in change(response) }
    }
}

extension HTTPResponse {
    /// A response the handler gives later (see `LaterResponse`); its status and headers come from `fulfill`.
    public static func later(_ promise: LaterResponse) -> HTTPResponse {
        HTTPResponse(status: 0, body: .later(promise))
    }

    /// `change` applied to this response now, or to the later answer when it comes.
    public func map(_ change: @escaping @Sendable (HTTPResponse) -> HTTPResponse) -> HTTPResponse {
        map(with: change) { response, change in change(response) }
    }

    /// The same, with what `change` needs passed in as `value` rather than captured: a closure that
    /// captures nothing costs no allocation, so middleware changes every response this way. Inlinable, so
    /// each caller gets it specialized for its `Value`.
    @inlinable
    public func map<Value: Sendable>(with value: Value, _ change: @escaping @Sendable (HTTPResponse, Value) -> HTTPResponse) -> HTTPResponse {
        if case .later(let promise) = body {
            promise.change { change($0, value) }
            return self
        }
        return change(self, value)
    }
}
