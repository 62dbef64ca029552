import CourseModel

/// The one access check every route uses. The account is read from the database on each request, so a
/// disabled, unapproved or deleted account loses every power at once, not when its token expires.
extension RequestContext {
    /// The signed-in account while it may act. - Throws: 401 when anonymous or the account was deleted,
    /// 403 when it is disabled or an instructor account waiting for approval.
    /// 403 `password_change_required` while the account signed in with a first-use password.
    func requireUser() throws(HTTPError) -> User {
        let account = try requireSignedIn()
        if account.mustChangePassword {
            throw HTTPError(403, "choose your own password first (POST /api/v1/users/me/password): this one was for the first sign-in only",
                            code: "password_change_required")
        }
        return account
    }

    /// The signed-in account, also one that must still replace a first-use password: for the routes
    /// that account may use (reading itself, changing its password).
    func requireSignedIn() throws(HTTPError) -> User {
        guard token != nil else { throw .unauthorized }
        guard let account else {
            throw HTTPError(401, "this account no longer exists", headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
        }
        if let refusal = Accounts.refusal(account) { throw HTTPError(403, refusal) }
        return account
    }

    /// Whether the signed-in account, in good standing, has this permission.
    func can(_ permission: Permission) -> Bool {
        guard let account = try? requireUser() else { return false }
        return permission.granted(to: account.role)
    }

    /// The signed-in account when it has this permission. - Throws: 401 when not signed in, 403 otherwise.
    func require(_ permission: Permission, otherwise detail: String? = nil) throws(HTTPError) -> User {
        let account = try requireUser()
        guard permission.granted(to: account.role) else { throw detail.map { HTTPError(403, $0) } ?? .forbidden }
        return account
    }

    /// A student account: only students enroll, study and review.
    func requireStudent() throws(HTTPError) -> User {
        try require(.enroll, otherwise: "only students enroll in courses")
    }

    /// The account when it owns a record (its `ownerID`), or is an administrator. - Throws: 403 otherwise.
    func requireOwnerOrAdmin(_ ownerID: Int) throws(HTTPError) -> User {
        let account = try requireUser()
        guard account.id == ownerID || account.role == .admin else { throw .forbidden }
        return account
    }

    /// Whether the account may see a course's learners and numbers: its instructors, and administrators.
    func oversees(_ course: Course) -> Bool {
        guard let account = try? requireUser() else { return false }
        return Catalog.oversees(account, course)
    }

    /// The account and the course named by `slug` (the path's, by default) when the account oversees it.
    /// - Throws: 401/403 for an account that oversees nothing, 404 for no such course, then 403 (`detail`).
    func overseenCourse(in catalog: Catalog, slug: String? = nil, otherwise detail: String? = nil) throws -> (User, Course) {
        let account = try require(.oversee)
        let course = try catalog.course(slug ?? parameters["slug"] ?? "")
        guard oversees(course) else { throw detail.map { HTTPError(403, $0) } ?? .forbidden }
        return (account, course)
    }

    /// Whether the account is one of the course's (approved) instructors: they grade its students.
    func teaches(_ course: Course) -> Bool {
        guard let account = try? requireUser() else { return false }
        return account.role == .instructor && Catalog.teaches(account.email, course)
    }
}
