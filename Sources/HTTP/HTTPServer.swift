internal import CMicroHTTPD
import Foundation
import Synchronization

/// Settings of an `HTTPServer`.
public struct HTTPServerOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port; read it from `HTTPServer.port`.
    public var port = 0
    /// Worker threads of libmicrohttpd's epoll pool.
    public var threads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Idle connections are closed after this many seconds.
    public var timeoutSeconds = 30
    /// Larger request bodies are refused with 413 before the handler runs.
    public var maxBodyBytes = 1 << 20
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
        context = ServerContext(handler: handler, maxBodyBytes: options.maxBodyBytes)
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        guard let started = lectern_start_daemon(options.host, UInt16(clamping: options.port), UInt32(options.threads),
                                                 UInt32(options.timeoutSeconds), 32 * 1024,
                                                 accessHandler, pointer, requestCompleted, nil) else {
            throw HTTPServerError(message: "cannot listen on \(options.host):\(options.port) (address in use or not allowed)")
        }
        port = Int(lectern_daemon_port(started))
        daemon = Mutex(started)
    }

    /// Stops accepting connections and waits for requests in progress to be answered.
    public func stop() {
        daemon.withLock { daemon in
            if let running = daemon {
                MHD_stop_daemon(running)
                daemon = nil
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
    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse, maxBodyBytes: Int) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A request being received: its body so far. Retained in libmicrohttpd's per-request slot and
/// released in `requestCompleted`.
final class RequestState {
    var body: [UInt8] = []
    var tooLarge = false
}

/// libmicrohttpd calls this first with the headers, then once per body chunk, then once with no data.
/// Answering only on a later call keeps connections alive (answering on the first call closes them).
private let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadSize, slot in
    guard let cls, let connection, let slot else { return .NO }
    let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    guard let statePointer = slot.pointee else {
        slot.pointee = Unmanaged.passRetained(RequestState()).toOpaque()
        return .YES
    }
    let state = Unmanaged<RequestState>.fromOpaque(statePointer).takeUnretainedValue()
    if let uploadSize, uploadSize.pointee > 0 {
        if !state.tooLarge, let uploadData {
            if state.body.count + uploadSize.pointee > context.maxBodyBytes {
                state.tooLarge = true
                state.body = []
            } else {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) {
                    state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: uploadSize.pointee))
                }
            }
        }
        uploadSize.pointee = 0
        return .YES
    }
    let response: HTTPResponse
    if state.tooLarge {
        response = HTTPResponse(status: 413, contentType: "application/json", text: #"{"detail":"request body too large"}"#)
    } else {
        let request = HTTPRequest(method: url.map { _ in String(cString: method!) } ?? "GET",
                                  rawPath: url.map { String(cString: $0) } ?? "/",
                                  query: values(connection, .GET_ARGUMENT_KIND, decodeQuery: true),
                                  headers: values(connection, .HEADER_KIND, decodeQuery: false),
                                  body: state.body, remoteAddress: clientAddress(connection))
        response = context.handler(request)
    }
    return queue(response, on: connection)
}

private let requestCompleted: MHD_RequestCompletedCallback = { _, _, slot, _ in
    guard let slot, let state = slot.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(state).release()
    slot.pointee = nil
}

/// Sends a response: bytes are copied by libmicrohttpd; files are sent from their descriptor.
private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    var created: OpaquePointer?
    switch response.body {
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
    }
    guard let created else { return .NO }
    defer { MHD_destroy_response(created) }
    for (name, value) in response.headers { MHD_add_response_header(created, name, value) }
    return MHD_queue_response(connection, UInt32(response.status), created)
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
