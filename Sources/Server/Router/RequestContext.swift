import HTTP

/// What a handler gets: the request, the path parameters, and the account an access token names, read
/// from the database once per request. Access questions are answered in `RequestContext+Access.swift`.
public struct RequestContext: Sendable {
    public var request: HTTPRequest
    /// `{slug}` in a route pattern → the decoded segment.
    public var parameters: [String: String]
    /// The valid access token's claims; nil for an anonymous request.
    public var token: AuthenticatedUser?
    /// Who sent the request: the socket's peer, or the client a trusted reverse proxy names. Resolved once,
    /// in `APIServer.handle`, so the access log, the rate limits, the lockout and the activity log agree.
    public var clientAddress: String
    /// The token's account as stored now (role, active, approved); nil when anonymous or deleted.
    var account: User?

    public init(request: HTTPRequest, parameters: [String: String] = [:]) {
        self.request = request
        self.parameters = parameters
        clientAddress = request.remoteAddress
    }
}
