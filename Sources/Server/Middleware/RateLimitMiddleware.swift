import HTTP

/// 429 with Retry-After when a client address, or a signed-in account, has used up its requests.
/// Probes stay free of limits, so a busy kiosk is never reported as down.
struct RateLimitMiddleware: RouterMiddleware {
    /// Who is counted: the client address, or the account a valid token names.
    enum Key: Sendable { case address, account }

    let limiter: RateLimiter
    let key: Key
    static let probes: Set<String> = ["/api/v1/health", "/api/v1/ready"]

    /// Whether the request is a probe, however its path is spelled (`/api/v1//health/`, `%68ealth`). A path
    /// that ends in neither name, a slash nor an escape cannot be one: most requests skip re-encoding it.
    static func isProbe(_ request: HTTPRequest) -> Bool {
        let raw = request.rawPath
        guard raw.hasSuffix("health") || raw.hasSuffix("ready") || raw.hasSuffix("/") || raw.utf8.contains(UInt8(ascii: "%")) else {
            return false
        }
        return probes.contains(request.canonicalPath ?? raw)
    }

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        // A trailing slash makes no difference to routes, so none to what counts as a probe.
        guard !Self.isProbe(request) else { return try next(request, context) }
        let counted: (name: String, who: String)?
        switch key {
        case .address: counted = (context.clientAddress, "this address")
        case .account: counted = context.token.map { ("user:\($0.id)", "this account") }
        }
        if let counted, let seconds = limiter.take(counted.name) {
            throw HTTPError(429, "too many requests from \(counted.who); wait \(seconds) seconds", headers: [("Retry-After", String(seconds))])
        }
        return try next(request, context)
    }
}
