internal import CMicroHTTPD
import Utilities

/// An immutable body kept in memory and sent to many clients without being copied: libmicrohttpd
/// reads the bytes in place, and the last response sending them frees them. The response built for
/// the last status and headers is kept too, so a file served again and again costs no header work.
public final class SharedBytes: Sendable {
    /// The bytes, owned by a box that the responses sending them retain (see `queue`).
    let buffer: Buffer
    /// The libmicrohttpd response last built from these bytes, with the status and headers it carries.
    private let prepared = Locked<Prepared?>(nil)

    public init(_ bytes: [UInt8]) {
        buffer = Buffer(bytes)
    }

    public var count: Int { buffer.count }

    /// A copy of the bytes (for tests and for rewriting a page).
    public var bytes: [UInt8] { Array(UnsafeRawBufferPointer(start: buffer.pointer, count: buffer.count)) }

    /// Memory that stays put until the last response sending it is destroyed.
    final class Buffer: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        let count: Int
        init(_ bytes: [UInt8]) {
            count = bytes.count
            pointer = .allocate(byteCount: max(1, bytes.count), alignment: 16)
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { pointer.copyMemory(from: base, byteCount: source.count) }
            }
        }
        deinit { pointer.deallocate() }
    }

    struct Prepared: @unchecked Sendable {
        var status: Int
        var headers: [(String, String)]
        /// One reference held here, given back in `deinit` or when replaced.
        var response: OpaquePointer
    }

    /// Queues these bytes on a connection with this status and these headers, reusing the kept response
    /// when they match (else a new one is built and kept in its place). Queued under the lock: a kept
    /// response replaced by another thread is destroyed only after libmicrohttpd has counted this use.
    func queue(on connection: OpaquePointer, status: Int, headers: [(String, String)]) -> MHD_Result {
        prepared.withLock { prepared in
            if let kept = prepared, kept.status == status, kept.headers.elementsEqual(headers, by: { $0.0 == $1.0 && $0.1 == $1.1 }) {
                return MHD_queue_response(connection, UInt32(status), kept.response)
            }
            // The buffer is retained for the response and released by libmicrohttpd's free callback.
            let context = Unmanaged.passRetained(buffer).toOpaque()
            guard let created = MHD_create_response_from_buffer_with_free_callback_cls(buffer.count, buffer.pointer, { context in
                if let context { Unmanaged<Buffer>.fromOpaque(context).release() }
            }, context) else {
                Unmanaged<Buffer>.fromOpaque(context).release()
                return .NO
            }
            for (name, value) in headers { MHD_add_response_header(created, name, value) }
            if let old = prepared { MHD_destroy_response(old.response) }
            prepared = Prepared(status: status, headers: headers, response: created)
            return MHD_queue_response(connection, UInt32(status), created)
        }
    }

    deinit {
        // libmicrohttpd keeps the response alive while connections still send it.
        prepared.withLock { if let kept = $0 { MHD_destroy_response(kept.response) } }
    }
}
