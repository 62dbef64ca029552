import HTTP

/// Security headers on every response, and a content security policy on HTML pages.
struct SecurityHeadersMiddleware: RouterMiddleware {
    /// The pages' content security policy: the one below, and with a SCORM player origin, `frame-src`
    /// allowing it (the player page frames hosted packages there).
    let policy: String

    init(scormPlayer: ScormPlayerAddress? = nil) {
        policy = scormPlayer.map { Self.contentSecurityPolicy + "; frame-src 'self' \($0.frameSource)" } ?? Self.contentSecurityPolicy
    }

    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        try next(request, context).map(with: policy) { response, policy in Self.secured(response, policy: policy) }
    }

    private static func secured(_ response: HTTPResponse, policy: String) -> HTTPResponse {
        var response = response
        response.headers += headers
        if response.header("Content-Type")?.hasPrefix("text/html") == true {
            response.headers.append(("Content-Security-Policy", policy))
        }
        return response
    }

    static let headers: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("X-Frame-Options", "SAMEORIGIN"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    /// Pages load only their own scripts, styles, images and media; the 404 page's one <style> element
    /// is allowed by 'unsafe-inline' for styles only.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "media-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"
}
