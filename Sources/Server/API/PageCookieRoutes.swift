import HTTP

/// `/api/v1/auth/cookie`: puts the signed-in account's access token in the HttpOnly cookie that only
/// `PageGate` reads, so the pages of `visibility: enrolled` courses open for their learners (a browser
/// sends no `Authorization` header with a page request). The API itself never reads the cookie.
struct PageCookieRoutes {
    let tokens: TokenService
    /// Behind https (the public URL says so): the cookie is sent over https only.
    let secure: Bool

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/auth/cookie") { context in
            _ = try context.requireUser()
            guard let header = context.request.header("authorization"), header.hasPrefix("Bearer ") else { throw HTTPError.unauthorized }
            return HTTPResponse(status: 204, headers: [("Set-Cookie", cookie(String(header.dropFirst("Bearer ".count)), maxAge: tokens.accessLifetime)),
                                                       ("Cache-Control", "no-store")])
        }
        router.add("DELETE", "/api/v1/auth/cookie") { _ in
            HTTPResponse(status: 204, headers: [("Set-Cookie", cookie("", maxAge: 0)), ("Cache-Control", "no-store")])
        }
    }

    /// SameSite=Strict: no other site's page can make a browser send it.
    private func cookie(_ value: String, maxAge: Int) -> String {
        "\(PageGate.cookie)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
