import Foundation
import HTTP

/// Checks the `Authorization` header's access token (401 when it is bad) and reads the account it names
/// from the database, once per request: `RequestContext` answers every access question from it.
struct AuthenticationMiddleware: RouterMiddleware {
    let tokens: TokenService
    let store: any Storage

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        guard let header = request.header("authorization") else { return try next(request, context) }
        // xAPI clients (record-store forwarders) sign in with HTTP Basic; the xAPI routes check it themselves.
        if header.hasPrefix("Basic "), request.rawPath.hasPrefix(XAPIRoutes.prefix) { return try next(request, context) }
        var context = context
        let token = try tokens.authenticate(header, now: Int(Date().timeIntervalSince1970))
        context.token = token
        context.account = try store.user(id: token.id)
        return try next(request, context)
    }
}
