internal import CMicroHTTPD
import Foundation
import Synchronization

/// Settings of an `HTTPServer`.
public struct HTTPServerOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port; read it from `HTTPServer.port`.
    public var port = 0
    /// Worker threads of libmicrohttpd's epoll pool. A thread that waits (a read, a password hash on the
    /// hashing pool) holds the connections it serves, so there are a few per core; writes wait without
    /// a thread (`HTTPResponse.later`). On 2 cores, bench/serve.sh's 64 connections got about as many
    /// reads from 4 to 32 threads, and more writes from 4–12 than from 32 (fewer threads woken per request).
    public var threads = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
    /// Idle connections are closed after this many seconds.
    public var timeoutSeconds = 30
    /// Larger request bodies are refused with 413 before the handler runs.
    public var maxBodyBytes = 1 << 20
    /// Bytes of request bodies all connections together may hold; past it requests get 503.
    public var maxBodyMemoryBytes = 64 << 20
    /// Open connections past which complete requests are answered 503 (a few more are accepted so
    /// that the answer can be sent; beyond those, new connections wait in the listen queue).
    public var maxConnections = 2048
    /// Connections one client address may hold (more are closed at once); 0 for no cap, e.g. behind a proxy.
    public var maxConnectionsPerAddress = 64
    /// Seconds a connection may take to send complete request headers, from its opening or from the
    /// answer to its previous request; 0 for no deadline.
    public var headerTimeoutSeconds = 10
    /// Decides from a request's method, raw path and headers whether its body goes to a file (uploads)
    /// or is refused before it is read; nil keeps every body in memory.
    public var bodyHandling: (@Sendable (_ method: String, _ rawPath: String, _ headers: [String: String]) -> BodyHandling)?
    /// Where streamed bodies are written (a private folder on the file system the handlers move them within).
    public var uploadFolder = NSTemporaryDirectory()
    public init() {}
}

/// An HTTP/1.1 server on libmicrohttpd. Each complete request is passed to `handler` on one of the
/// pool's threads; `stop()` lets in-flight requests finish.
public final class HTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    private let context: ServerContext
    /// nil once stopped.
    private let daemon: Mutex<OpaquePointer?>

    /// Starts listening.
    /// - Throws: `HTTPServerError` when the address cannot be bound.
    public init(options: HTTPServerOptions = HTTPServerOptions(),
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws(HTTPServerError) {
        // The headroom lets the server accept and answer 503 past `maxConnections` instead of going silent.
        let headroom = max(16, options.maxConnections / 8)
        // Each connection is a descriptor; the site's files and the database need some more.
        let descriptors = OpenFileLimit.raise(toward: options.maxConnections + headroom + 256)
        let hardLimit = max(1, min(options.maxConnections + headroom, descriptors - 128))
        context = ServerContext(handler: handler, maxBodyBytes: options.maxBodyBytes,
                                bodyHandling: options.bodyHandling, uploadFolder: options.uploadFolder,
                                budget: BodyBudget(limit: options.maxBodyMemoryBytes),
                                connections: ConnectionGuard(headerTimeoutSeconds: options.headerTimeoutSeconds),
                                maxConnections: min(options.maxConnections, max(1, hardLimit - headroom)))
        // Many pool threads, few cores: arenas beyond one per core only hold freed memory (peak RSS).
        lectern_limit_heap_arenas(Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        guard let started = lectern_start_daemon(options.host, UInt16(clamping: options.port), UInt32(options.threads),
                                                 UInt32(options.timeoutSeconds), 32 * 1024,
                                                 UInt32(hardLimit), UInt32(max(0, options.maxConnectionsPerAddress)),
                                                 accessHandler, pointer, requestCompleted, pointer,
                                                 connectionNotified, pointer) else {
            context.connections.stop()
            throw HTTPServerError(message: "cannot listen on \(options.host):\(options.port) (address in use or not allowed)")
        }
        port = Int(lectern_daemon_port(started))
        daemon = Mutex(started)
    }

    /// Stops accepting connections and waits for requests in progress to be answered.
    public func stop() {
        daemon.withLock { daemon in
            if let running = daemon {
                // Later answers come within a commit's time; stopping with a connection still suspended
                // would break libmicrohttpd and lose the answer, so wait until each is sent (a bounded while).
                let deadline = Date().addingTimeInterval(10)
                while context.suspended.load(ordering: .relaxed) > 0 && Date() < deadline { usleep(1000) }
                MHD_stop_daemon(running)
                daemon = nil
                context.connections.stop()
            }
        }
    }

    deinit { stop() }
}

/// The server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What the C callbacks need, reached through libmicrohttpd's context pointer. The server holds it
/// for the daemon's whole life, so it is passed unretained.
final class ServerContext: Sendable {
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let maxBodyBytes: Int
    let bodyHandling: (@Sendable (String, String, [String: String]) -> BodyHandling)?
    let uploadFolder: String
    let budget: BodyBudget
    let connections: ConnectionGuard
    let maxConnections: Int
    /// Requests suspended for a later answer, until that answer is sent: libmicrohttpd must not be stopped before.
    let suspended = Atomic<Int>(0)
    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse, maxBodyBytes: Int,
         bodyHandling: (@Sendable (String, String, [String: String]) -> BodyHandling)?, uploadFolder: String,
         budget: BodyBudget, connections: ConnectionGuard, maxConnections: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.bodyHandling = bodyHandling
        self.uploadFolder = uploadFolder
        self.budget = budget
        self.connections = connections
        self.maxConnections = maxConnections
    }
}

/// A request being received: its body so far and the bytes it holds of the body budget. Retained in
/// libmicrohttpd's per-request slot and released in `requestCompleted`.
final class RequestState {
    var body: [UInt8] = []
    var tooLarge = false
    /// The body budget had no room: the body is dropped and the answer is 503.
    var overBudget = false
    /// Bytes reserved in the body budget, given back when the request ends.
    var reserved = 0
    /// Close the connection after answering (the request had both Content-Length and Transfer-Encoding).
    var closeAfterAnswer = false
    /// The headers by lowercased name, read once when they are complete.
    var headers: [String: String] = [:]
    /// The file a streamed body goes to, and the most bytes it may take.
    var file: BodyFile?
    var fileLimit = 0
    /// errno of a failed write to `file` (ENOSPC: 507).
    var fileError: Int32?
    /// The answer the handler gives later, while the connection is suspended.
    var later: LaterResponse?
}

/// libmicrohttpd calls this first with the headers, then once per body chunk, then once with no data.
/// Answering only on a later call keeps connections alive (answering on the first call closes them).
private let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadSize, slot in
    guard let cls, let connection, let slot else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    guard let statePointer = slot.pointee else {
        // The headers are complete: this is the first call for the request.
        context.connections.headersReceived(connection)
        let state = RequestState()
        slot.pointee = Unmanaged.passRetained(state).toOpaque()
        return begin(state, connection: connection, context: context, method: method.map { String(cString: $0) } ?? "GET",
                     rawPath: url.map { String(cString: $0) } ?? "/")
    }
    let state = Unmanaged<RequestState>.fromOpaque(statePointer).takeUnretainedValue()
    if let file = state.file, let uploadSize, uploadSize.pointee > 0 {
        if !state.tooLarge, state.fileError == nil, let uploadData {
            if file.byteCount + uploadSize.pointee > state.fileLimit {
                state.tooLarge = true
            } else {
                state.fileError = file.write(UnsafeRawBufferPointer(start: uploadData, count: uploadSize.pointee))
            }
            // Nothing of a refused upload is kept, even until the request ends.
            if state.tooLarge || state.fileError != nil { file.discard() }
        }
        uploadSize.pointee = 0
        return .YES
    }
    if let uploadSize, uploadSize.pointee > 0 {
        if !state.tooLarge, !state.overBudget, let uploadData {
            let needed = state.body.count + uploadSize.pointee - state.reserved
            if state.body.count + uploadSize.pointee > context.maxBodyBytes {
                state.tooLarge = true
                dropBody(state, context: context)
            } else if needed > 0 && !context.budget.reserve(needed) {
                state.overBudget = true
                dropBody(state, context: context)
            } else {
                state.reserved += max(0, needed)
                uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) {
                    state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: uploadSize.pointee))
                }
            }
        }
        uploadSize.pointee = 0
        return .YES
    }
    var response: HTTPResponse
    if let later = state.later {
        // Resumed: the answer given later is ready.
        response = later.resumedAnswer() ?? HTTPResponse(status: 500, contentType: "application/json", text: detailJSON("internal server error"))
    } else if state.file == nil, state.fileError == nil, state.fileLimit > 0 {
        // The upload folder could not take a new file.
        response = HTTPResponse(status: 500, contentType: "application/json", text: detailJSON("the server cannot store uploads (its upload folder is not writable)"))
    } else if state.tooLarge {
        response = HTTPResponse(status: 413, contentType: "application/json", text: #"{"detail":"request body too large"}"#)
    } else if state.overBudget {
        response = busy("the server is receiving too many request bodies; try again shortly")
    } else if let failure = state.fileError ?? state.file?.finish() {
        state.file?.discard()
        response = failure == ENOSPC || failure == EDQUOT
            ? HTTPResponse(status: 507, contentType: "application/json", text: detailJSON("the server's disk is full; nothing was stored"))
            : HTTPResponse(status: 500, contentType: "application/json", text: detailJSON("the upload could not be written to disk"))
    } else {
        var request = HTTPRequest(method: url.map { _ in String(cString: method!) } ?? "GET",
                                  rawPath: url.map { String(cString: $0) } ?? "/",
                                  query: values(connection, .GET_ARGUMENT_KIND, decodeQuery: true),
                                  headers: state.headers,
                                  body: state.body, remoteAddress: clientAddress(connection))
        request.bodyFile = state.file.map { StreamedBody(path: $0.path, byteCount: $0.byteCount) }
        response = context.handler(request)
        // Whatever the handler did not move away is not kept.
        state.file?.discard()
        if case .later(let promise) = response.body {
            // Counted before suspending, so `stop` never finds a suspended connection uncounted, and
            // until the request completes (`requestCompleted`): counting down at the resume let `stop`
            // close the connection before libmicrohttpd had sent the answer it was resumed for.
            context.suspended.add(1, ordering: .relaxed)
            guard let now = promise.answer(suspending: connection) else {
                state.later = promise
                return .YES
            }
            context.suspended.subtract(1, ordering: .relaxed)
            response = now
        }
    }
    if state.closeAfterAnswer { response.headers.append(("Connection", "close")) }
    return queue(response, on: connection)
}

/// The first call for a request, its headers complete: refuses what must not be read (ambiguous framing,
/// a full server, a body the budget cannot hold) before any body byte is stored. An answer queued now
/// makes libmicrohttpd close the connection after sending it, the unread body unread.
private func begin(_ state: RequestState, connection: OpaquePointer, context: ServerContext,
                   method: String, rawPath: String) -> MHD_Result {
    let lines = headerLines(connection)
    switch RequestFraming.check(lines) {
    case .refuse(let status, let reason):
        return queue(closing(HTTPResponse(status: status, contentType: "application/json", text: detailJSON(reason))), on: connection)
    case .closeAfterAnswer:
        state.closeAfterAnswer = true
    case .fine:
        break
    }
    if context.connections.openCount > context.maxConnections {
        return queue(busy("the server has too many open connections; try again shortly"), on: connection)
    }
    state.headers = headerDictionary(lines)
    switch context.bodyHandling?(method, rawPath, state.headers) ?? .inMemory {
    case .inMemory:
        break
    case .refused(let response):
        return queue(closing(response), on: connection)
    case .streamed(let limit):
        let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length").flatMap { Int(String(cString: $0)) }
        if let declared, declared > limit {
            return queue(closing(HTTPResponse(status: 413, contentType: "application/json", text: #"{"detail":"request body too large"}"#)), on: connection)
        }
        state.fileLimit = max(1, limit)
        state.file = BodyFile(folder: context.uploadFolder)
        return .YES
    }
    // A declared length is reserved whole, so a body that fits is never cut off halfway.
    if let declared = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length").flatMap({ Int(String(cString: $0)) }),
       declared > 0, declared <= context.maxBodyBytes {
        guard context.budget.reserve(declared) else {
            return queue(busy("the server is receiving too many request bodies; try again shortly"), on: connection)
        }
        state.reserved = declared
        state.body.reserveCapacity(declared)
    }
    return .YES
}

/// 503 with Retry-After, closing the connection (which frees a slot).
private func busy(_ reason: String) -> HTTPResponse {
    var response = closing(HTTPResponse(status: 503, contentType: "application/json", text: detailJSON(reason)))
    response.headers.append(("Retry-After", "5"))
    return response
}

/// `{"detail": reason}` for reasons written here (plain text, nothing to escape).
private func detailJSON(_ reason: String) -> String { #"{"detail":"\#(reason)"}"# }

private func closing(_ response: HTTPResponse) -> HTTPResponse {
    var response = response
    response.headers.append(("Connection", "close"))
    return response
}

private func dropBody(_ state: RequestState, context: ServerContext) {
    state.body = []
    context.budget.release(state.reserved)
    state.reserved = 0
}

private let requestCompleted: MHD_RequestCompletedCallback = { cls, connection, slot, _ in
    if let cls, let connection {
        Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().connections.requestFinished(connection)
    }
    guard let slot, let pointer = slot.pointee else { return }
    let state = Unmanaged<RequestState>.fromOpaque(pointer).takeRetainedValue()
    slot.pointee = nil
    // An upload the client abandoned halfway is not kept.
    state.file?.discard()
    guard let cls else { return }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    // A request that was suspended for a later answer has now sent it (or lost its client).
    if state.later != nil { context.suspended.subtract(1, ordering: .relaxed) }
    dropBody(state, context: context)
}

private let connectionNotified: MHD_NotifyConnectionCallback = { cls, connection, _, event in
    guard let cls, let connection else { return }
    let connections = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue().connections
    if event == .CONNECTION_NOTIFY_STARTED { connections.opened(connection) } else { connections.closed(connection) }
}

/// Sends a response: bytes are copied by libmicrohttpd, shared bytes are not; files are sent from their descriptor.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    var created: OpaquePointer?
    switch response.body {
    case .shared(let shared):
        // A kept response, queued as it is (libmicrohttpd counts its users); never destroyed here.
        return shared.queue(on: connection, status: response.status, headers: response.headers)
    case .bytes(let bytes):
        created = bytes.withUnsafeBytes { buffer in
            MHD_create_response_from_buffer(buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress), .RESPMEM_MUST_COPY)
        }
    case .file(let path, let offset, let length):
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            // libmicrohttpd closes the descriptor when it destroys the response.
            created = MHD_create_response_from_fd_at_offset64(UInt64(length), descriptor, UInt64(offset))
            if created == nil { close(descriptor) }
        }
    case .later:
        // Answered by `LaterResponse`, never queued as such.
        break
    }
    guard let created else { return .NO }
    defer { MHD_destroy_response(created) }
    for (name, value) in response.headers { MHD_add_response_header(created, name, value) }
    return MHD_queue_response(connection, UInt32(response.status), created)
}

/// Every header line as libmicrohttpd parsed it, repeated names included, names as sent.
private func headerLines(_ connection: OpaquePointer) -> [(name: String, value: String)] {
    let collector = LineCollector()
    _ = MHD_get_connection_values(connection, .HEADER_KIND, { cls, _, key, value in
        guard let cls, let key else { return .YES }
        Unmanaged<LineCollector>.fromOpaque(cls).takeUnretainedValue().lines.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
        return .YES
    }, Unmanaged.passUnretained(collector).toOpaque())
    return collector.lines
}

/// Header lines by lowercased name; a repeated name keeps its last value.
private func headerDictionary(_ lines: [(name: String, value: String)]) -> [String: String] {
    var headers: [String: String] = [:]
    headers.reserveCapacity(lines.count)
    for (name, value) in lines { headers[name.lowercased()] = value }
    return headers
}

private final class LineCollector {
    var lines: [(name: String, value: String)] = []
}

/// Header or query values of the request (names of headers lowercased).
private func values(_ connection: OpaquePointer, _ kind: MHD_ValueKind, decodeQuery: Bool) -> [String: String] {
    let collector = ValueCollector(decodeQuery: decodeQuery)
    let pointer = Unmanaged.passUnretained(collector).toOpaque()
    _ = MHD_get_connection_values(connection, kind, { cls, _, key, value in
        guard let cls, let key else { return .YES }
        let collector = Unmanaged<ValueCollector>.fromOpaque(cls).takeUnretainedValue()
        collector.add(String(cString: key), value.map { String(cString: $0) } ?? "")
        return .YES
    }, pointer)
    return collector.values
}

private final class ValueCollector {
    var values: [String: String] = [:]
    let decodeQuery: Bool
    init(decodeQuery: Bool) { self.decodeQuery = decodeQuery }

    func add(_ key: String, _ value: String) {
        if decodeQuery {
            // Query arguments arrive still escaped (see the shim's unescape callback).
            guard let key = URLPath.percentDecoded(key, plusIsSpace: true),
                  let value = URLPath.percentDecoded(value, plusIsSpace: true) else { return }
            values[key] = value
        } else {
            values[key.lowercased()] = value
        }
    }
}

private func clientAddress(_ connection: OpaquePointer) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    lectern_client_address(connection, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
