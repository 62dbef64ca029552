import HTTP

/// `/api/v1/users` and `/api/v1/activity-log`: account administration and the security log, for admins.
struct AdminRoutes {
    let store: any Storage

    struct Change: Decodable { var role: String?; var active: Bool?; var approved: Bool? }
    struct PasswordReset: Decodable { var newPassword: String }
    struct Page<Item: Encodable>: Encodable { var items: [Item]; var total: Int; var page: Int; var pageSize: Int; var pages: Int }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/users") { context in
            _ = try context.require(.administer)
            let page = try number(context.request.query["page"], "page", default: 1, range: 1...1_000_000)
            let size = try number(context.request.query["page_size"], "page_size", default: 20, range: 1...100)
            let found = try store.users(search: context.request.query["search"], page: page, pageSize: size)
            return JSONResponse.make(Page(items: found.items, total: found.total, page: page, pageSize: size,
                                          pages: max(1, (found.total + size - 1) / size)))
        }
        router.add("PATCH", "/api/v1/users/{id}") { context in
            let admin = try context.require(.administer)
            let target = try account(context)
            let body = try JSONResponse.decode(Change.self, from: context.request)
            let role = try body.role.map { text throws(HTTPError) -> Role in
                guard let role = Role(rawValue: text) else { throw .invalid("role must be \(Role.listed)") }
                return role
            }
            guard target.id != admin.id || (role ?? .admin) == .admin && body.active != false && body.approved != false else {
                throw HTTPError.conflict("administrators cannot demote, disable or unapprove themselves")
            }
            let updated = try store.administer(userID: target.id, role: role, active: body.active, approved: body.approved)
            store.record("user.changed", userID: admin.id, detail: "user \(target.id): role=\(role?.rawValue ?? "-") active=\(body.active.map(String.init) ?? "-") approved=\(body.approved.map(String.init) ?? "-")",
                         address: context.clientAddress)
            return JSONResponse.make(updated)
        }
        router.add("DELETE", "/api/v1/users/{id}") { context in
            let admin = try context.require(.administer)
            let target = try account(context)
            guard target.id != admin.id else { throw HTTPError.conflict("administrators cannot delete themselves") }
            try store.deleteUser(id: target.id)
            store.record("user.deleted", userID: admin.id, detail: "user \(target.id) (\(target.username))", address: context.clientAddress)
            return HTTPResponse(status: 204)
        }
        // A learner who forgot their password gets a new one from an administrator: kiosks send no email.
        router.add("POST", "/api/v1/users/{id}/password") { context in
            let admin = try context.require(.administer)
            let target = try account(context)
            guard target.id != admin.id else { throw HTTPError.conflict("change your own password with POST /api/v1/users/me/password") }
            let body = try JSONResponse.decode(PasswordReset.self, from: context.request)
            try Accounts(storage: store).resetPassword(userID: target.id, to: body.newPassword)
            store.record("password.reset", userID: admin.id, detail: "user \(target.id) (\(target.username))", address: context.clientAddress)
            return HTTPResponse(status: 204)
        }
        router.add("GET", "/api/v1/activity-log") { context in
            _ = try context.require(.administer)
            let query = context.request.query
            let user = try query["user"].map { text throws(HTTPError) -> Int in
                guard let id = Int(text), id >= 1 else { throw .invalid("user must be an account id") }
                return id
            }
            let from = try query["from"].map { text throws(HTTPError) -> Int in
                guard let value = Int(text), value >= 0 else { throw .invalid("from must be seconds since 1970") }
                return value
            }
            let to = try query["to"].map { text throws(HTTPError) -> Int in
                guard let value = Int(text), value >= 0 else { throw .invalid("to must be seconds since 1970") }
                return value
            }
            let limit = try number(query["limit"], "limit", default: 100, range: 1...1000)
            return JSONResponse.make(try store.activities(userID: user, type: query["type"], from: from, to: to, limit: limit))
        }
    }

    func account(_ context: RequestContext) throws -> User {
        guard let id = Int(context.parameters["id"] ?? ""), let user = try store.user(id: id) else { throw HTTPError.notFound("no such account") }
        return user
    }

    func number(_ text: String?, _ name: String, default value: Int, range: ClosedRange<Int>) throws(HTTPError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else { throw .invalid("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return number
    }
}
