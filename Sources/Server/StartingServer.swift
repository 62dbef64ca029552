import HTTP

/// What `lectern serve` answers between listening and having built its courses: the liveness probe
/// says the process runs, the readiness probe and everything else say 503 with Retry-After. Listening
/// first lets a restart take its port back at once, and a load balancer sees "not ready" instead of
/// refused connections while a large course builds.
public struct StartingServer: Sendable {
    /// Seconds a client is asked to wait before trying again.
    static let retryAfter = "5"
    let outer: MiddlewareChain

    public init(log: @escaping @Sendable (String) -> Void = { _ in }) {
        outer = MiddlewareChain([AccessLogMiddleware(log: log), SecurityHeadersMiddleware()])
    }

    /// Answers one request; never throws.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        (try? outer.run(request, context: RequestContext(request: request)) { request, _ in Self.respond(request) })
            ?? HTTPError(500, "internal server error").response
    }

    private static func respond(_ request: HTTPRequest) -> HTTPResponse {
        if request.method == "GET", request.rawPath == "/api/v1/health" { return JSONResponse.make(["status": "ok"]) }
        let detail = request.rawPath == "/api/v1/ready" ? "the courses are being built" : "the server is starting: the courses are being built"
        return HTTPError(503, detail, headers: [("Retry-After", retryAfter)]).response
    }
}
