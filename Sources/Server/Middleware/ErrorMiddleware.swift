import HTTP

/// The one place errors become responses: an `HTTPError`, `StoreError` or `RuleViolation` as `{"detail": …}`, anything else logged and
/// answered with a plain 500, so the client never sees internals.
struct ErrorMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        do {
            return try next(request, context)
        } catch {
            return Self.response(for: error, log: log)
        }
    }

    /// The answer to an error, also for work that answers later (it fails after the chain has returned).
    static func response(for error: any Error, log: @Sendable (String) -> Void) -> HTTPResponse {
        switch error {
        case let error as HTTPError: return error.response
        case let error as StoreError: return HTTPError(error).response
        case let violation as RuleViolation: return HTTPError(violation).response
        default:
            log("internal error: \(TerminalText.escaped(String(describing: error)))")
            return HTTPError(500, "internal server error").response
        }
    }
}
