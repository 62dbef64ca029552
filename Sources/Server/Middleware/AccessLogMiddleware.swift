import Foundation
import HTTP

/// One line per request: client address, method and path, status, and the time taken in milliseconds.
struct AccessLogMiddleware: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        let started = Date()
        let response = try next(request, context)
        // Logged when the answer is ready: a write answered later counts its wait for the commit.
        guard response.isLater else { return logged(response, request, context.clientAddress, started) }
        return response.map { [self] response in logged(response, request, context.clientAddress, started) }
    }

    private func logged(_ response: HTTPResponse, _ request: HTTPRequest, _ client: String, _ started: Date) -> HTTPResponse {
        let micros = Int(Date().timeIntervalSince(started) * 1_000_000)
        // The method and path are as the client sent them: escaped, so they cannot forge lines or drive the terminal.
        log("\(client) \"\(TerminalText.escaped(request.method)) \(TerminalText.escaped(request.rawPath))\" \(response.status) \(micros / 1000).\(micros % 1000 / 100)ms")
        return response
    }
}
