import HTTP
import PDF

/// `POST /api/v1/admin/sign-in-cards`: printable cards with a first-use password for each account named;
/// `POST /api/v1/classes/{id}/sign-in-cards`: the same for a class's learners, by its instructors too.
struct SignInCardRoutes {
    let store: any Storage
    /// `lectern serve --public-url`, ending in `/`; nil when not given.
    let publicURL: String?

    /// At most this many accounts in one request: a school year's classes, and the argon2id work bounded.
    static let maxAccounts = 500

    struct Request: Decodable { var userIds: [Int]; var url: String?; var labels: Labels? }
    /// The words around the values, in the page's language (English where left out or not printable).
    struct Labels: Decodable { var username: String?; var password: String?; var passwordNote: String?; var signInAt: String? }
    /// A class's cards: every student member, or those of `user_ids` (members only).
    struct ClassRequest: Decodable { var userIds: [Int]?; var url: String?; var labels: Labels? }

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/admin/sign-in-cards") { context in
            let admin = try context.require(.administer)
            let body = try JSONResponse.decode(Request.self, from: context.request)
            guard !body.userIds.isEmpty, body.userIds.count <= Self.maxAccounts else {
                throw HTTPError.invalid("user_ids must list 1 to \(Self.maxAccounts) accounts", field: "user_ids")
            }
            var users: [User] = []
            for id in body.userIds where !users.contains(where: { $0.id == id }) {
                guard let user = try store.user(id: id) else { throw HTTPError.notFound("no account with id \(id)") }
                // The cards replace passwords: an administrator signing their own away would be locked out.
                guard user.id != admin.id else { throw HTTPError.conflict("no sign-in card for your own account: it would replace your password") }
                users.append(user)
            }
            let address = try Self.address(body.url, publicURL: publicURL, context: context)
            let labels = try Self.labels(body.labels)
            return try cards(for: users, address: address, labels: labels, by: admin, context: context)
        }
        router.add("POST", "/api/v1/classes/{id}/sign-in-cards") { context in
            let staff = try context.require(.oversee)
            guard let id = Int(context.parameters["id"] ?? ""), let classroom = try store.classroom(id: id) else { throw HTTPError.notFound("no such class") }
            guard staff.role == .admin || classroom.instructorIds.contains(staff.id) else {
                throw HTTPError(403, "only the class's instructors and admins print its sign-in cards")
            }
            let body = context.request.body.isEmpty ? ClassRequest() : try JSONResponse.decode(ClassRequest.self, from: context.request)
            // Learners only: a card replaces the password of whoever it is for, never a teacher's.
            var learners = try store.members(classID: classroom.id).filter { $0.role == .student }
            if let chosen = body.userIds {
                if let stranger = chosen.first(where: { id in !learners.contains { $0.id == id } }) {
                    throw HTTPError.invalid("account \(stranger) is not a learner of this class", field: "user_ids")
                }
                learners = learners.filter { chosen.contains($0.id) }
            }
            return try cardsResponse(learners, body, staff, context)
        }
    }

    private func cardsResponse(_ learners: [User], _ body: ClassRequest, _ staff: User, _ context: RequestContext) throws -> HTTPResponse {
        guard !learners.isEmpty else { throw HTTPError.invalid("the class has no learners to print cards for", field: "user_ids") }
        guard learners.count <= Self.maxAccounts else { throw HTTPError.invalid("at most \(Self.maxAccounts) cards a request", field: "user_ids") }
        return try cards(for: learners, address: try Self.address(body.url, publicURL: publicURL, context: context), labels: try Self.labels(body.labels),
                         by: staff, context: context)
    }

    /// The PDF for `users`, each given a new first-use password; logged once per request.
    func cards(for users: [User], address: String, labels: SignInCardLabels, by staff: User, context: RequestContext) throws -> HTTPResponse {
        let pdf: [UInt8]
        do {
            pdf = try Accounts(storage: store).signInCards(for: users, address: address, labels: labels)
        } catch let failure as SignInCardFailure {
            throw HTTPError(422, failure.description + "; correct the name, or give that learner a password with POST /api/v1/users/{id}/password",
                            code: "card_unprintable")
        }
        store.record("password.reset", userID: staff.id, detail: "sign-in cards for users " + users.map { String($0.id) }.joined(separator: ", "),
                     address: context.clientAddress)
        // The cards hold passwords: no cache keeps a copy.
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/pdf"), ("Cache-Control", "no-store"),
                                                   ("Content-Disposition", "attachment; filename=\"sign-in-cards.pdf\"")],
                            body: .bytes(pdf))
    }

    static func labels(_ given: Labels?) throws(HTTPError) -> SignInCardLabels {
        guard let given else { return SignInCardLabels() }
        for (field, text) in [("username", given.username), ("password", given.password), ("password_note", given.passwordNote),
                              ("sign_in_at", given.signInAt)] {
            guard let text else { continue }
            guard text.unicodeScalars.count <= 120, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw HTTPError.invalid("labels.\(field) must be at most 120 characters, without control characters", field: "labels.\(field)")
            }
        }
        return SignInCardLabels(username: given.username, password: given.password, passwordNote: given.passwordNote, signInAt: given.signInAt)
    }

    /// The kiosk's address for the cards: the request's `url`, else `--public-url`, else `http://` and the
    /// Host the browser used (on a classroom network that is the address the children type too).
    static func address(_ url: String?, publicURL: String?, context: RequestContext) throws(HTTPError) -> String {
        if let url {
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count > 8, url.unicodeScalars.count <= 300,
                  !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
                throw HTTPError.invalid("url must be an http:// or https:// address of at most 300 characters, without spaces", field: "url")
            }
            return url
        }
        if let publicURL { return publicURL }
        guard let host = context.request.header("host"), !host.isEmpty, host.utf8.count <= 255,
              host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && !"/?#@\\".unicodeScalars.contains($0) }) else {
            throw HTTPError.invalid("the kiosk's address is unknown: send it as url, or start the server with --public-url", field: "url")
        }
        return "http://\(host)/"
    }
}
