import HTTP

/// What answers a request once the middleware before it has run.
typealias Responder = (HTTPRequest, RequestContext) throws -> HTTPResponse

/// One step around the router, as in hummingbird: it may answer by itself (a 429), change the context
/// (the signed-in account), change the response (headers), or pass the request on to `next`.
protocol RouterMiddleware: Sendable {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse
}

/// Middleware in order, the first outermost, around an endpoint.
struct MiddlewareChain: Sendable {
    let middlewares: [any RouterMiddleware]

    init(_ middlewares: [any RouterMiddleware]) {
        self.middlewares = middlewares
    }

    func run(_ request: HTTPRequest, context: RequestContext, endpoint: Responder) throws -> HTTPResponse {
        try run(request, context, middlewares[...], endpoint)
    }

    private func run(_ request: HTTPRequest, _ context: RequestContext, _ rest: ArraySlice<any RouterMiddleware>,
                     _ endpoint: Responder) throws -> HTTPResponse {
        guard let first = rest.first else { return try endpoint(request, context) }
        return try first.handle(request, context: context) { request, context in try run(request, context, rest.dropFirst(), endpoint) }
    }
}
