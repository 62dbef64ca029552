import HTTP

/// Maps method and path to handlers: `/api/v1/courses/{slug}` matches `/api/v1/courses/python` with slug = python.
public struct Router: Sendable {
    public typealias Handler = @Sendable (RequestContext) throws -> HTTPResponse

    struct Route {
        var method: String
        var segments: [String]
        /// Which segments are `{parameters}`, and which literal (how specific the route is), worked out once.
        var isParameter: [Bool]
        var literals: [Bool]
        /// Bytes the request body may have when it is streamed to a file (uploads); nil: held in memory.
        var streamedBodyLimit: Int?
        var handler: Handler
    }

    private(set) var routes: [Route] = []
    /// Route indexes by segment count and third segment (`api/v1/<group>`): a request is compared with the
    /// few routes of its group, not with every route. Routes whose third segment is a parameter are under "".
    private var index: [Int: [String: [Int]]] = [:]
    /// Methods of the routes that stream their bodies: other requests skip matching in `streamedBodyLimit`.
    private var streamingMethods: Set<String> = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        add(method, pattern, streamedBodyLimit: nil, handler)
    }

    /// A route whose request body is written to a file as it arrives (`request.bodyFile`), up to
    /// `streamedBodyLimit` bytes, instead of being held in memory.
    public mutating func add(_ method: String, _ pattern: String, streamedBodyLimit: Int?, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map(String.init)
        let isParameter = segments.map { $0.first == "{" && $0.last == "}" }
        routes.append(Route(method: method, segments: segments, isParameter: isParameter, literals: isParameter.map { !$0 },
                            streamedBodyLimit: streamedBodyLimit, handler: handler))
        index[segments.count, default: [:]][Self.group(segments, isParameter), default: []].append(routes.count - 1)
        if streamedBodyLimit != nil { streamingMethods.insert(method) }
    }

    private static func group(_ segments: [String], _ isParameter: [Bool]) -> String {
        segments.count > 2 && !isParameter[2] ? segments[2] : ""
    }

    /// Every registered route as `METHOD /pattern`, for the OpenAPI consistency test.
    public var registered: [String] { routes.map { "\($0.method) /" + $0.segments.joined(separator: "/") } }

    /// Whether any route of this method streams its body (most requests need not match their route early).
    func mayStream(_ method: String) -> Bool { streamingMethods.contains(method) }

    /// The body limit of the route a request goes to, when that route streams its body to a file.
    func streamedBodyLimit(method: String, segments: [String]) -> Int? {
        guard mayStream(method), case .found(_, _, let limit) = match(method: method, segments: segments) else { return nil }
        return limit
    }

    enum Match {
        case found(Handler, [String: String], streamedBodyLimit: Int?)
        case wrongMethod([String])
        case none
    }

    /// The most specific pattern wins: a literal segment beats a parameter, leftmost first, so
    /// `/users/me` never reaches `/users/{id}`; its methods alone make up the `Allow` list.
    func match(method: String, segments: [String]) -> Match {
        guard let sized = index[segments.count] else { return .none }
        var best: [Bool]?
        var candidates: [Int] = []
        func consider(_ number: Int) {
            let route = routes[number]
            // Literal segments compared first; parameters are collected only for the route that answers.
            for position in 0..<segments.count where !route.isParameter[position] && route.segments[position] != segments[position] { return }
            if let current = best, Self.moreSpecific(current, than: route.literals) { return }
            if best != route.literals { candidates.removeAll() }
            best = route.literals
            candidates.append(number)
        }
        if segments.count > 2, let group = sized[segments[2]] { group.forEach(consider) }
        sized[""]?.forEach(consider)
        if let number = candidates.first(where: { routes[$0].method == method }) {
            let route = routes[number]
            var parameters: [String: String] = [:]
            for position in 0..<segments.count where route.isParameter[position] {
                parameters[String(route.segments[position].dropFirst().dropLast())] = segments[position]
            }
            return .found(route.handler, parameters, streamedBodyLimit: route.streamedBodyLimit)
        }
        var allowed: [String] = []
        for number in candidates where !allowed.contains(routes[number].method) { allowed.append(routes[number].method) }
        return allowed.isEmpty ? .none : .wrongMethod(allowed)
    }

    private static func moreSpecific(_ left: [Bool], than right: [Bool]) -> Bool {
        for (a, b) in zip(left, right) where a != b { return a }
        return false
    }
}
