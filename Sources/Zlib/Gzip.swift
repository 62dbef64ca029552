internal import CZlib

/// gzip files (RFC 1952) with zlib, as `gzip -6` writes them: the `.gz` variants a built site serves to
/// browsers that accept them.
public enum Gzip {
    /// The gzip file of `bytes`.
    /// - Throws: `ZlibError` with zlib's message.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(ZlibError) -> [UInt8] {
        var stream = z_stream()
        let started = lectern_deflate_init_gzip(&stream, level)
        guard started == Z_OK else { throw ZlibError(code: started, message: "cannot start compressing") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let code = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                // zlib's input pointer is not const, but deflate only reads it.
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound leaves room for everything, so one call finishes.
        guard code == Z_STREAM_END else {
            throw ZlibError(code: code, message: stream.msg.map { String(cString: $0) } ?? "compression did not finish")
        }
        return Array(output.prefix(Int(stream.total_out)))
    }
}

/// zlib failed, in its own words.
public struct ZlibError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var description: String { "zlib error \(code): \(message)" }
}
