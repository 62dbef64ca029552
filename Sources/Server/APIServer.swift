import CourseModel
import Foundation
import HTTP

/// The kiosk server: the JSON API under `/api/v1` and the built site for everything else, with security
/// headers on every response and one access-log line per request.
/// A class: every request takes it from the served courses' lock and captures it in closures, and a
/// struct of this many references cost a retain and a release per field each time.
public final class APIServer: Sendable {
    public let router: Router
    let store: any Storage
    let site: StaticFiles
    /// The built site's folder.
    public let siteFolder: URL
    /// The courses served, for what runs beside the server (the xAPI forwarder names activities by them).
    public var catalogCourses: [Course] { catalog.courses }
    /// Around every response: the access log outermost, so it sees the final status.
    let outer: MiddlewareChain
    /// Around the API routes only: errors to JSON, limits, then the account.
    let api: MiddlewareChain
    let proxies: TrustedProxies
    let gate: PageGate
    /// The courses, for the language of a certificate's verification page.
    let catalog: Catalog
    let tokens: TokenService
    /// Where uploads are kept (each feature in its own subfolder); streamed bodies arrive in `incoming/`.
    public let filesFolder: URL

    public convenience init(store: Store, tokens: TokenService, catalog: Catalog, siteFolder: URL, limits: RateLimits = RateLimits(),
                trustedProxies: TrustedProxies = .none, filesFolder: URL? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(store: store, tokens: tokens, catalog: catalog, siteFolder: siteFolder, limiters: Limiters(limits),
                  trustedProxies: trustedProxies, filesFolder: filesFolder, log: log)
    }

    /// - Parameters:
    ///   - limiters: the counters of the limits, shared with the `APIServer` this one replaces on a reload.
    ///   - publicURL: where learners reach the server (ending in `/`), printed on certificates.
    ///   - reloads: the course reloads of this process, kept across them; /api/v1/ready reports the one served.
    ///   - filesFolder: where uploads are kept; by default `lectern-files` beside the site folder.
    ///   - scormIntake: checks and unpacks uploaded SCORM packages; without it, uploads answer 501.
    ///   - scormPlayer: where the second origin serving hosted packages is (`--scorm-port`); nil without one.
    public init(store: Store, tokens: TokenService, catalog: Catalog, siteFolder: URL, limiters: Limiters,
                trustedProxies: TrustedProxies = .none, publicURL: String? = nil, reloads: CourseReloads = CourseReloads(),
                filesFolder: URL? = nil, submissionLimits: SubmissionLimits = SubmissionLimits(), scormIntake: ScormIntake? = nil,
                scormPlayer: ScormPlayerAddress? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.tokens = tokens
        let filesFolder = filesFolder ?? siteFolder.deletingLastPathComponent().appendingPathComponent("lectern-files")
        self.filesFolder = filesFolder
        self.siteFolder = siteFolder
        var catalog = catalog
        catalog.hosted = HostedCourses(store: store)
        self.catalog = catalog
        proxies = trustedProxies
        site = StaticFiles(root: siteFolder)
        gate = PageGate(catalog: catalog, tokens: tokens, store: store)
        outer = MiddlewareChain([AccessLogMiddleware(log: log), SecurityHeadersMiddleware(scormPlayer: scormPlayer)])
        var api: [any RouterMiddleware] = [ErrorMiddleware(log: log)]
        if let perAddress = limiters.perAddress { api.append(RateLimitMiddleware(limiter: perAddress, key: .address)) }
        api.append(AuthenticationMiddleware(tokens: tokens, store: store))
        if let perAccount = limiters.perAccount { api.append(RateLimitMiddleware(limiter: perAccount, key: .account)) }
        self.api = MiddlewareChain(api)
        var router = Router()
        router.add("GET", "/api/v1/health") { _ in JSONResponse.make(["status": "ok"]) }
        router.add("GET", "/api/v1/ready") { _ in
            if let problem = store.readinessProblem { throw HTTPError(503, problem) }
            return JSONResponse.make(Readiness(status: "ready", coursesReload: reloads.serving))
        }
        AuthRoutes(store: store, tokens: tokens, limiters: limiters).register(into: &router)
        PageCookieRoutes(tokens: tokens, secure: publicURL?.lowercased().hasPrefix("https://") == true).register(into: &router)
        CourseRoutes(catalog: catalog, store: store).register(into: &router)
        EnrollmentRoutes(catalog: catalog, store: store).register(into: &router)
        ProgressRoutes(catalog: catalog, store: store, log: log).register(into: &router)
        QuizRoutes(catalog: catalog, store: store).register(into: &router)
        ReviewRoutes(catalog: catalog, store: store).register(into: &router)
        DiscussionRoutes(catalog: catalog, store: store).register(into: &router)
        GradebookRoutes(catalog: catalog, store: store).register(into: &router)
        CertificateRoutes(catalog: catalog, store: store, publicURL: publicURL).register(into: &router)
        AnalyticsRoutes(catalog: catalog, store: store).register(into: &router)
        AdminRoutes(store: store).register(into: &router)
        SignInCardRoutes(store: store, publicURL: publicURL).register(into: &router)
        CourseUpdateRoutes(catalog: catalog, store: store, reloads: reloads).register(into: &router)
        XAPIRoutes(store: store, homePage: publicURL ?? XAPIStatements.defaultHomePage, signIns: limiters.signIns, basic: limiters.basicSignIns,
                   credentials: CredentialCheck(store: store, lockout: limiters.lockout)).register(into: &router)
        ClassRoutes(catalog: catalog, store: store).register(into: &router)
        StaffEnrollmentRoutes(catalog: catalog, store: store).register(into: &router)
        NotificationRoutes(catalog: catalog, store: store).register(into: &router)
        AssignmentRoutes(catalog: catalog, store: store, files: SubmissionFiles(filesFolder: filesFolder), limits: submissionLimits)
            .register(into: &router)
        ScormPackageRoutes(store: store, catalog: catalog, intake: scormIntake, folder: filesFolder.appendingPathComponent("scorm"))
            .register(into: &router)
        ScormRuntimeRoutes(store: store, catalog: catalog).register(into: &router)
        ScormPlayerRoutes(address: scormPlayer).register(into: &router)
        self.router = router
    }

    /// /api/v1/ready's answer: instances behind one load balancer that report the same `courses_reload`
    /// serve courses loaded after the same reload request.
    struct Readiness: Encodable { var status: String; var coursesReload: Int }

    /// Packages were hosted or removed outside the API (`--scorm-dir`): the catalog reads them again.
    public func hostedPackagesChanged() {
        catalog.hosted.invalidate()
    }

    /// Answers one request; never throws, never crashes on bad input.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        // The API chain turns every error into a response, so nothing reaches this catch.
        var context = RequestContext(request: request)
        context.clientAddress = proxies.client(of: request)
        return (try? outer.run(request, context: context) { request, context in try respond(request, context) })
            ?? HTTPError(500, "internal server error").response
    }

    /// How a request's body is received, decided from its head: uploads go to a file, and only with a valid
    /// token (an anonymous client cannot fill the disk); everything else is held in memory.
    public func bodyHandling(method: String, rawPath: String, headers: [String: String]) -> BodyHandling {
        guard router.mayStream(method), rawPath.hasPrefix("/api/"), let segments = URLPath.segments(rawPath),
              let limit = router.streamedBodyLimit(method: method, segments: segments) else { return .inMemory }
        do {
            guard let header = headers["authorization"] else { throw HTTPError(401, "sign in to upload") }
            _ = try tokens.authenticate(header, now: Int(Date().timeIntervalSince1970))
            return .streamed(limit: limit)
        } catch let error as HTTPError {
            return .refused(error.response)
        } catch {
            return .refused(HTTPError(401, "invalid token").response)
        }
    }

    /// The verification page, the API docs, the API, or a file of the built site.
    private func respond(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        if request.rawPath.hasPrefix("/verify/"), request.method == "GET", let segments = request.pathSegments, segments.count == 2 {
            return VerificationPage.response(code: segments[1], store: store, catalog: catalog)
        }
        guard request.rawPath.hasPrefix("/api/") else { return staticFile(request) }
        guard let segments = request.pathSegments else { return HTTPError.badRequest("bad path").response }
        // The docs' paths end in one of these names: other requests skip re-encoding the path.
        if request.method == "GET", let last = segments.last, ["openapi.json", "docs", "docs.js"].contains(last),
           let docs = APIDocs.response(for: URLPath.path(segments)) {
            return docs
        }
        return try api.run(request, context: context) { request, context in
            switch router.match(method: request.method, segments: segments) {
            case .found(let handler, let parameters, _):
                var context = context
                context.parameters = parameters
                return try handler(context)
            case .wrongMethod(let allowed):
                throw HTTPError(405, "method not allowed", headers: [("Allow", allowed.joined(separator: ", "))])
            case .none:
                throw HTTPError.notFound("no such API route")
            }
        }
    }

    private func staticFile(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, headers: [("Allow", "GET, HEAD")])
        }
        let decision = gate.decide(request)
        if case .refused(let refusal) = decision { return refusal }
        if var response = site.response(for: request) {
            if case .allowed = decision {
                // One reader's answer: a shared cache must not hand it to the next, cookie or not.
                response.headers.removeAll { $0.0 == "Cache-Control" }
                response.headers += [("Cache-Control", "private, no-cache"), ("Vary", "Cookie")]
            }
            return response
        }
        if let page = site.response(for: HTTPRequest(method: "GET", rawPath: "/404.html")) {
            var notFound = page
            notFound.status = 404
            notFound.headers.removeAll { ["ETag", "Last-Modified", "Accept-Ranges"].contains($0.0) }
            return notFound
        }
        return HTTPResponse(status: 404, contentType: "text/plain; charset=utf-8", text: "not found\n")
    }
}
