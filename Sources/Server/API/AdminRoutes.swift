import HTTP

/// `/api/v1/users` and `/api/v1/activity-log`: account administration and the security log, for admins.
struct AdminRoutes {
    let store: any Storage

    struct Change: Decodable { var role: String?; var active: Bool?; var approved: Bool? }
    /// `new_password` left out asks for a first-use password; sent as `null` it is a wrong type, as the schema says.
    struct PasswordReset: Decodable {
        var newPassword: String?

        enum CodingKeys: String, CodingKey { case newPassword }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.newPassword), try container.decodeNil(forKey: .newPassword) {
                throw DecodingError.typeMismatch(String.self, .init(codingPath: [CodingKeys.newPassword], debugDescription: "null"))
            }
            newPassword = try container.decodeIfPresent(String.self, forKey: .newPassword)
        }
    }
    struct FirstUsePassword: Encodable { var password: String; var mustChangePassword = true }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/users") { context in
            _ = try context.require(.administer)
            let request = try PageRequest(context.request.query)
            let found = try store.users(search: context.request.query["search"], page: request.page, pageSize: request.size)
            return JSONResponse.make(request.page(found.items, total: found.total))
        }
        router.add("PATCH", "/api/v1/users/{id}") { context in
            let admin = try context.require(.administer)
            let target = try account(context)
            let body = try JSONResponse.decode(Change.self, from: context.request)
            let role = try body.role.map { text throws(HTTPError) -> Role in
                guard let role = Role(rawValue: text) else { throw .invalid("role must be \(Role.listed)", field: "role") }
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
        // Without `new_password`, a first-use password is made, answered, and must be changed at the next sign-in.
        router.add("POST", "/api/v1/users/{id}/password") { context in
            let staff = try context.require(.oversee)
            let target = try account(context)
            try mayReset(target, by: staff)
            let body = try JSONResponse.decode(PasswordReset.self, from: context.request)
            guard let password = body.newPassword else {
                let firstUse = try Accounts(storage: store).resetToFirstUsePassword(userID: target.id)
                store.record("password.reset", userID: staff.id, detail: "user \(target.id) (\(target.username)): first-use password",
                             address: context.clientAddress)
                return JSONResponse.make(FirstUsePassword(password: firstUse))
            }
            do {
                try Accounts(storage: store).resetPassword(userID: target.id, to: password)
            } catch let violation as RuleViolation {
                throw violation.on("new_password")
            }
            store.record("password.reset", userID: staff.id, detail: "user \(target.id) (\(target.username))", address: context.clientAddress)
            return HTTPResponse(status: 204)
        }
        router.add("GET", "/api/v1/activity-log") { context in
            _ = try context.require(.administer)
            let query = context.request.query
            let user = try query["user"].map { text throws(HTTPError) -> Int in
                guard let id = Int(text), id >= 1 else { throw .invalid("user must be an account id", field: "user") }
                return id
            }
            let from = try query["from"].map { text throws(HTTPError) -> Int in
                guard let value = Int(text), value >= 0 else { throw .invalid("from must be seconds since 1970", field: "from") }
                return value
            }
            let to = try query["to"].map { text throws(HTTPError) -> Int in
                guard let value = Int(text), value >= 0 else { throw .invalid("to must be seconds since 1970", field: "to") }
                return value
            }
            // Newest first, 100 a page by default and up to 1000: a day's log of a busy kiosk in one answer.
            let request = try PageRequest(query, defaultSize: 100, maxSize: 1000)
            let found = try store.activities(userID: user, type: query["type"], from: from, to: to, limit: request.size, offset: request.offset)
            return JSONResponse.make(request.page(found.items, total: found.total))
        }
    }

    /// Who may reset whose password: administrators, anyone's but their own. When classes exist, a class's
    /// instructor resets its members' too: the route then asks `.administer` or "teaches a class `target` is in"
    /// before this, and this refuses an instructor resetting staff.
    /// Admins reset anyone's password but their own; an instructor, the learners of the classes they teach
    /// (a child at the kiosk forgot theirs, and the teacher is in the room).
    func mayReset(_ target: User, by staff: User) throws {
        guard target.id != staff.id else { throw HTTPError.conflict("change your own password with POST /api/v1/users/me/password") }
        guard staff.role != .admin else { return }
        let taught = try store.classes(instructorID: staff.id, includeArchived: false)
        guard target.role == .student, try taught.contains(where: { try store.members(classID: $0.id).contains { $0.id == target.id } }) else {
            throw HTTPError(403, "instructors reset the passwords of the learners in the classes they teach; ask an administrator")
        }
    }

    func account(_ context: RequestContext) throws -> User {
        guard let id = Int(context.parameters["id"] ?? ""), let user = try store.user(id: id) else { throw HTTPError.notFound("no such account") }
        return user
    }
}
