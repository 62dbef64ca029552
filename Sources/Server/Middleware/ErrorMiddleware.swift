import HTTP

/// The one place errors become responses: an `HTTPError`, `StoreError` or `RuleViolation` as `{"detail": …}`, anything else logged and
/// answered with a plain 500, so the client never sees internals.
struct ErrorMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        do {
            return try next(request, context)
        } catch let error as HTTPError {
            return error.response
        } catch let error as StoreError {
            return HTTPError(error).response
        } catch let violation as RuleViolation {
            return HTTPError(violation).response
        } catch {
            log("internal error: \(TerminalText.escaped(String(describing: error)))")
            return HTTPError(500, "internal server error").response
        }
    }
}
