import HTTP

/// Security headers on every response, and a content security policy on HTML pages.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder) throws -> HTTPResponse {
        var response = try next(request, context)
        response.headers += Self.headers
        if response.header("Content-Type")?.hasPrefix("text/html") == true {
            response.headers.append(("Content-Security-Policy", Self.contentSecurityPolicy))
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
