/// One HTTP request, fully received.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path as sent, still percent-encoded, without the query.
    public var rawPath: String
    /// Query parameters, decoded (`+` as space); a repeated name keeps its last value.
    public var query: [String: String]
    /// Header names in lowercase.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The body, when it was streamed to a file (`BodyHandling.streamed`); `body` is then empty.
    public var bodyFile: StreamedBody?
    /// The client's IP address.
    public var remoteAddress: String

    public init(method: String, rawPath: String, query: [String: String] = [:], headers: [String: String] = [:],
                body: [UInt8] = [], remoteAddress: String = "127.0.0.1") {
        self.method = method
        self.rawPath = rawPath
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The decoded path segments, or nil when the path is unsafe: `..`, NUL, backslashes or bad escapes,
    /// however they are encoded (`%2e%2e`, `%00`).
    public var pathSegments: [String]? { URLPath.segments(rawPath) }
    /// The path as routes are named: decoded, re-encoded, without empty segments or a trailing slash
    /// (`/api/v1/health/` is `/api/v1/health`); nil for a path `URLPath` refuses.
    public var canonicalPath: String? { pathSegments.map(URLPath.path) }

    public func header(_ name: String) -> String? { headers[HeaderName.isLowercase(name) ? name : name.lowercased()] }
}
