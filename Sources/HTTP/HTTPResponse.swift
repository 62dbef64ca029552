/// An HTTP response: a status, headers and a body from memory or from a file.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// `length` bytes of the file at `path` from `offset`: sent by the kernel, never loaded.
        case file(path: String, offset: Int, length: Int)
        /// Bytes kept in memory and sent without copying (a cached file).
        case shared(SharedBytes)
        /// An answer still being worked out (`HTTPResponse.later`).
        case later(LaterResponse)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int, contentType: String, text: String) {
        self.init(status: status, headers: [("Content-Type", contentType)], body: .bytes(Array(text.utf8)))
    }

    /// The value of a header, for tests and middleware.
    /// Compared byte by byte, ignoring ASCII case: middleware asks on every response, and lowercasing
    /// both names allocated.
    public func header(_ name: String) -> String? {
        headers.first { HeaderName.equal($0.0, name) }?.1
    }
}
