import Foundation
import HTTP

/// One line per request: client address, method and path, status, and the time taken in milliseconds.
struct AccessLogMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        let started = Date()
        // Logged when the answer is ready: a write answered later counts its wait for the commit.
        return try next(request, context).map { [log] response in
            let micros = Int(Date().timeIntervalSince(started) * 1_000_000)
            // The method and path are as the client sent them: escaped, so they cannot forge lines or drive the terminal.
            log("\(context.clientAddress) \"\(TerminalText.escaped(request.method)) \(TerminalText.escaped(request.rawPath))\" \(response.status) \(micros / 1000).\(micros % 1000 / 100)ms")
            return response
        }
    }
}
