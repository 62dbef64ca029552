import HTTP

/// What a handler gets: the request, the path parameters, and the signed-in user when there is one.
public struct RequestContext: Sendable {
    public var request: HTTPRequest
    /// `{slug}` in a route pattern → the decoded segment.
    public var parameters: [String: String]
    public var user: AuthenticatedUser?

    /// The signed-in user, or 401.
    func requireUser() throws(HTTPError) -> AuthenticatedUser {
        guard let user else { throw .unauthorized }
        return user
    }
}

/// Maps method and path to handlers: `/api/v1/courses/{slug}` matches `/api/v1/courses/python` with slug = python.
public struct Router: Sendable {
    public typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse

    struct Route {
        var method: String
        var segments: [String]
        var handler: Handler
    }

    private(set) var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: pattern.split(separator: "/").map(String.init), handler: handler))
    }

    /// Every registered route as `METHOD /pattern`, for the OpenAPI consistency test.
    public var registered: [String] { routes.map { "\($0.method) /" + $0.segments.joined(separator: "/") } }

    enum Match {
        case found(Handler, [String: String])
        case wrongMethod([String])
        case none
    }

    func match(method: String, segments: [String]) -> Match {
        var allowed: [String] = []
        for route in routes where route.segments.count == segments.count {
            var parameters: [String: String] = [:]
            var matches = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                    parameters[String(pattern.dropFirst().dropLast())] = segment
                } else if pattern != segment {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            if route.method == method { return .found(route.handler, parameters) }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .none : .wrongMethod(allowed)
    }
}
