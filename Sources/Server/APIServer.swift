import Foundation
import HTTP

/// The kiosk server: the JSON API under `/api/v1` and the built site for everything else, with security
/// headers on every response and one access-log line per request.
public struct APIServer: Sendable {
    public let router: Router
    let store: Store
    let tokens: TokenService
    let site: StaticFiles
    let log: @Sendable (String) -> Void
    let addressLimiter: RateLimiter?
    let accountLimiter: RateLimiter?

    public init(store: Store, tokens: TokenService, catalog: Catalog, siteFolder: URL, limits: RateLimits = RateLimits(),
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.tokens = tokens
        addressLimiter = limits.perAddress.map(RateLimiter.init(perMinute:))
        accountLimiter = limits.perAccount.map(RateLimiter.init(perMinute:))
        site = StaticFiles(root: siteFolder)
        self.log = log
        var router = Router()
        router.add("GET", "/api/v1/health") { _ in JSONResponse.make(["status": "ok"]) }
        router.add("GET", "/api/v1/ready") { _ in
            guard store.isReachable else { throw HTTPError(503, "the database is not reachable") }
            return JSONResponse.make(["status": "ready"])
        }
        AuthRoutes(store: store, tokens: tokens).register(into: &router)
        CourseRoutes(catalog: catalog, store: store).register(into: &router)
        EnrollmentRoutes(catalog: catalog, store: store).register(into: &router)
        ProgressRoutes(catalog: catalog, store: store).register(into: &router)
        QuizRoutes(catalog: catalog, store: store).register(into: &router)
        ReviewRoutes(catalog: catalog, store: store).register(into: &router)
        CertificateRoutes(catalog: catalog, store: store).register(into: &router)
        AnalyticsRoutes(catalog: catalog, store: store).register(into: &router)
        AdminRoutes(store: store).register(into: &router)
        self.router = router
    }

    /// Answers one request; never throws, never crashes on bad input.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = Date()
        var response = respond(request)
        response.headers += Self.securityHeaders
        if response.header("Content-Type")?.hasPrefix("text/html") == true {
            response.headers.append(("Content-Security-Policy", Self.contentSecurityPolicy))
        }
        let micros = Int(Date().timeIntervalSince(started) * 1_000_000)
        log("\(request.remoteAddress) \"\(request.method) \(request.rawPath)\" \(response.status) \(micros / 1000).\(micros % 1000 / 100)ms")
        return response
    }

    private func respond(_ request: HTTPRequest) -> HTTPResponse {
        if request.rawPath.hasPrefix("/verify/"), request.method == "GET", let segments = request.pathSegments, segments.count == 2 {
            return VerificationPage.response(code: segments[1], store: store)
        }
        guard request.rawPath.hasPrefix("/api/") else { return staticFile(request) }
        if request.method == "GET", let docs = APIDocs.response(for: request.rawPath) { return docs }
        guard let segments = request.pathSegments else { return HTTPError.badRequest("bad path").response }
        do {
            // Probes stay free of limits, so a busy kiosk is never reported as down.
            let limited = !["/api/v1/health", "/api/v1/ready"].contains(request.rawPath)
            if limited { try Self.limit(addressLimiter, request.remoteAddress, who: "this address") }
            var context = RequestContext(request: request)
            if let header = request.header("authorization") {
                let token = try tokens.authenticate(header, now: Int(Date().timeIntervalSince1970))
                context.token = token
                context.account = try store.user(id: token.id)
            }
            if limited, let user = context.token { try Self.limit(accountLimiter, "user:\(user.id)", who: "this account") }
            switch router.match(method: request.method, segments: segments) {
            case .found(let handler, let parameters):
                context.parameters = parameters
                return try handler(context)
            case .wrongMethod(let allowed):
                return HTTPError(405, "method not allowed", headers: [("Allow", allowed.joined(separator: ", "))]).response
            case .none:
                return HTTPError.notFound("no such API route").response
            }
        } catch let error as HTTPError {
            return error.response
        } catch {
            log("internal error: \(error)")
            return HTTPError(500, "internal server error").response
        }
    }

    /// 429 with Retry-After when `key` has used up its requests.
    private static func limit(_ limiter: RateLimiter?, _ key: String, who: String) throws(HTTPError) {
        guard let limiter, let seconds = limiter.take(key) else { return }
        throw HTTPError(429, "too many requests from \(who); wait \(seconds) seconds", headers: [("Retry-After", String(seconds))])
    }

    private func staticFile(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, headers: [("Allow", "GET, HEAD")])
        }
        if let response = site.response(for: request) { return response }
        if let page = site.response(for: HTTPRequest(method: "GET", rawPath: "/404.html")) {
            var notFound = page
            notFound.status = 404
            notFound.headers.removeAll { ["ETag", "Last-Modified", "Accept-Ranges"].contains($0.0) }
            return notFound
        }
        return HTTPResponse(status: 404, contentType: "text/plain; charset=utf-8", text: "not found\n")
    }

    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "SAMEORIGIN"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    /// Pages load only their own scripts, styles, images and media; the 404 page's one <style> element
    /// is allowed by 'unsafe-inline' for styles only.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
}
