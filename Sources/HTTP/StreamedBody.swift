import Foundation

/// A request body written to a file as it arrives instead of being held in memory (uploads).
/// The file is the server's: it is deleted once the handler has answered, and when the client goes away
/// mid-upload, so a handler that keeps the upload moves it (`rename`) into its own storage first.
public struct StreamedBody: Sendable {
    /// A file in the server's upload folder, mode 0600, synced to disk before the handler runs.
    public let path: String
    public let byteCount: Int
}

/// What the server does with a request's body, decided from its head before any body byte is read.
public enum BodyHandling: Sendable {
    /// Held in memory, up to `HTTPServerOptions.maxBodyBytes`.
    case inMemory
    /// Written to a file in `HTTPServerOptions.uploadFolder`, up to `limit` bytes.
    case streamed(limit: Int)
    /// Answered at once, nothing read (an upload without a valid token is not written to disk).
    case refused(HTTPResponse)
}

/// The file a streamed body is being written to. Not thread-safe: libmicrohttpd calls one request's
/// callbacks one at a time.
final class BodyFile {
    let path: String
    private var descriptor: Int32
    private(set) var byteCount = 0

    /// Creates a new file with a random name in `folder`.
    init?(folder: String) {
        var bytes = [UInt8](repeating: 0, count: 12)
        arc4random_buf(&bytes, bytes.count)
        path = folder + "/upload-" + bytes.map { String(format: "%02x", $0) }.joined()
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 { return nil }
    }

    /// Appends a chunk; answers errno on failure (ENOSPC: the disk is full).
    func write(_ chunk: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < chunk.count {
            let written = Foundation.write(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        byteCount += chunk.count
        return nil
    }

    /// Syncs and closes the file; answers errno on failure.
    func finish() -> Int32? {
        defer { closeDescriptor() }
        return fsync(descriptor) == 0 ? nil : errno
    }

    /// Closes (if open) and deletes the file; a handler may have moved it already.
    func discard() {
        closeDescriptor()
        unlink(path)
    }

    private func closeDescriptor() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
