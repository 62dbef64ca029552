import CourseModel
import Foundation
import HTTP

/// Keeps the pages of `visibility: enrolled` courses for their enrolled learners and staff. A page
/// request carries no `Authorization` header, so the site's script puts the access token in an HttpOnly
/// cookie (`POST /api/v1/auth/cookie`) that only this gate reads: the API never accepts it, so it gives
/// cross-site requests no power. The course home, its theme assets and the pictures the catalog shows
/// stay public; everything else under the course's folder (lessons, quizzes, modules, media, the search
/// index) needs an account that may read the course.
struct PageGate: Sendable {
    static let cookie = "lectern_pages"
    let catalog: Catalog
    let tokens: TokenService
    let store: any Storage
    /// Course slug → the paths under it anyone may fetch (`index.html`, the thumbnail…).
    private let gated: [String: Set<String>]

    init(catalog: Catalog, tokens: TokenService, store: any Storage) {
        self.catalog = catalog
        self.tokens = tokens
        self.store = store
        var gated: [String: Set<String>] = [:]
        for course in catalog.courses where course.visibility == .enrolled {
            let pictures = [course.thumbnail] + course.instructors.map(\.avatar)
            gated[course.slug] = Set(["", "index.html"] + pictures.compactMap { $0.map { "media/" + $0 } })
        }
        self.gated = gated
    }

    enum Decision {
        /// Anyone may have it.
        case open
        /// A file of a gated course, for this reader: no shared cache may keep it.
        case allowed
        /// Pages go to the site's page that explains (and signs in, or asks to enroll), other files get 403.
        case refused(HTTPResponse)
    }

    func decide(_ request: HTTPRequest) -> Decision {
        guard !gated.isEmpty, let segments = request.pathSegments, let slug = segments.first, let open = gated[slug] else { return .open }
        let inside = segments.dropFirst().joined(separator: "/")
        if open.contains(inside) || segments.dropFirst().first == "assets" { return .open }
        if let course = try? catalog.course(slug), let account = reader(request), mayRead(account, course) { return .allowed }
        let page = inside.isEmpty || inside.hasSuffix(".html") || inside.hasSuffix("/")
        guard page, request.method == "GET" else {
            var refused = HTTPResponse(status: 403, contentType: "text/plain; charset=utf-8", text: "this course's files are for its enrolled learners\n")
            refused.headers.append(("Cache-Control", "no-store"))
            return .refused(refused)
        }
        var next = URLComponents()
        next.queryItems = [URLQueryItem(name: "course", value: slug), URLQueryItem(name: "next", value: URLPath.path(segments))]
        // From the site's root, whatever the depth of the page asked for.
        let location = "/enrolled-only.html?" + (next.percentEncodedQuery ?? "")
        return .refused(HTTPResponse(status: 303, headers: [("Location", location), ("Cache-Control", "no-store")]))
    }

    /// The account the page cookie names, while it may act (and is not waiting to replace a first-use password).
    private func reader(_ request: HTTPRequest) -> User? {
        guard let header = request.header("cookie"), let token = Self.value(of: Self.cookie, in: header),
              let verified = try? tokens.authenticate("Bearer " + token, now: Clock.now),
              let account = try? store.user(id: verified.id), Accounts.refusal(account) == nil, !account.mustChangePassword else { return nil }
        return account
    }

    private func mayRead(_ account: User, _ course: Course) -> Bool {
        if Catalog.oversees(account, course) { return true }
        return account.role == .student && (try? store.enrollment(userID: account.id, course: course.slug)) != nil
    }

    /// A cookie's value in a `Cookie` header (`a=1; lectern_pages=…`).
    static func value(of name: String, in header: String) -> String? {
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}
