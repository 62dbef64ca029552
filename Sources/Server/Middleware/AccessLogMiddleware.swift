import Foundation
import HTTP

/// One line per request: client address, method and path, status, and the time taken in milliseconds.
struct AccessLogMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        let line = Line(log: log, request: request, client: context.clientAddress, started: Date())
        // Logged when the answer is ready: a write answered later counts its wait for the commit.
        return try next(request, context).map(with: line) { response, line in line.logged(response) }
    }

    /// What the line needs, passed to `map` rather than captured (see `HTTPResponse.map(with:_:)`).
    private struct Line: Sendable {
        let log: @Sendable (String) -> Void
        let request: HTTPRequest
        let client: String
        let started: Date

        func logged(_ response: HTTPResponse) -> HTTPResponse {
            let micros = Int(Date().timeIntervalSince(started) * 1_000_000)
            // The method and path are as the client sent them: escaped, so they cannot forge lines or drive the terminal.
            log("\(client) \"\(TerminalText.escaped(request.method)) \(TerminalText.escaped(request.rawPath))\" \(response.status) \(micros / 1000).\(micros % 1000 / 100)ms")
            return response
        }
    }
}
