import HTTP

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

    /// The most specific pattern wins: a literal segment beats a parameter, leftmost first, so
    /// `/users/me` never reaches `/users/{id}`; its methods alone make up the `Allow` list.
    func match(method: String, segments: [String]) -> Match {
        var best: [Bool]?
        var candidates: [Route] = []
        for route in routes where route.segments.count == segments.count {
            // Literal segments compared first; parameters are collected only for the route that answers.
            var literals: [Bool] = []
            literals.reserveCapacity(segments.count)
            var matches = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern.first == "{" && pattern.last == "}" {
                    literals.append(false)
                } else if pattern == segment {
                    literals.append(true)
                } else {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            if let current = best, Self.moreSpecific(current, than: literals) { continue }
            if best != literals { candidates.removeAll() }
            best = literals
            candidates.append(route)
        }
        if let route = candidates.first(where: { $0.method == method }) {
            var parameters: [String: String] = [:]
            for (pattern, segment) in zip(route.segments, segments) where pattern.first == "{" && pattern.last == "}" {
                parameters[String(pattern.dropFirst().dropLast())] = segment
            }
            return .found(route.handler, parameters)
        }
        var allowed: [String] = []
        for route in candidates where !allowed.contains(route.method) { allowed.append(route.method) }
        return allowed.isEmpty ? .none : .wrongMethod(allowed)
    }

    private static func moreSpecific(_ left: [Bool], than right: [Bool]) -> Bool {
        for (a, b) in zip(left, right) where a != b { return a }
        return false
    }
}
