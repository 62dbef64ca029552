import Crypto
import Foundation
import HTTP

/// `/api/v1/auth/*` and `/api/v1/users/me*`: accounts, sign-in and tokens.
struct AuthRoutes {
    let store: any Storage
    let tokens: TokenService
    /// Sign-ins and registrations per client address; nil when turned off.
    let attempts: RateLimiter?
    let lockout: LoginLockout

    init(store: any Storage, tokens: TokenService, limiters: Limiters) {
        self.store = store
        self.tokens = tokens
        attempts = limiters.signIns
        lockout = limiters.lockout
    }

    struct Register: Decodable { var email: String; var username: String; var password: String; var name: String?; var role: String? }
    /// `login` takes a username or an email; clients of other LMS APIs send `email` or `username`.
    struct Login: Decodable {
        var login: String?, email: String?, username: String?
        var password: String

        enum CodingKeys: String, CodingKey { case login, email, username, password }

        /// A name sent as `null` is a wrong type, as the schema says, not a name left out.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            for key in [CodingKeys.login, .email, .username] where container.contains(key) {
                if try container.decodeNil(forKey: key) {
                    throw DecodingError.typeMismatch(String.self, .init(codingPath: [key], debugDescription: "null"))
                }
            }
            login = try container.decodeIfPresent(String.self, forKey: .login)
            email = try container.decodeIfPresent(String.self, forKey: .email)
            username = try container.decodeIfPresent(String.self, forKey: .username)
            password = try container.decode(String.self, forKey: .password)
        }
        func name() throws(HTTPError) -> String {
            guard let name = login ?? email ?? username else { throw .invalid("missing field 'login' (or 'email' or 'username')", code: "missing", field: "login") }
            return name
        }
    }
    struct Refresh: Decodable { var refreshToken: String }
    struct Profile: Decodable { var name: String?; var email: String? }
    struct FullProfile: Decodable { var name: String; var email: String }
    struct PasswordChange: Decodable { var currentPassword: String; var newPassword: String }
    /// `must_change_password`: signed in with a first-use password, the account may only change it (and read itself).
    struct TokenPair: Encodable {
        var accessToken: String; var refreshToken: String; var tokenType = "bearer"; var expiresIn: Int; var user: User
        var mustChangePassword: Bool
    }

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/auth/register") { try register($0) }
        router.add("POST", "/api/v1/auth/login") { try login($0) }
        router.add("POST", "/api/v1/auth/refresh") { try refresh($0) }
        router.add("POST", "/api/v1/auth/logout") { try logout($0) }
        // Also for an account that must still choose its own password: the page asks who is signed in.
        router.add("GET", "/api/v1/users/me") { context in JSONResponse.make(try context.requireSignedIn()) }
        router.add("PATCH", "/api/v1/users/me") { try updateProfile($0) }
        // Full replacement, as clients of other LMS APIs send it: every writable field, none optional.
        router.add("PUT", "/api/v1/users/me") { try updateProfile($0, replacing: true) }
        router.add("POST", "/api/v1/users/me/password") { try changePassword($0) }
    }

    /// Students are active at once; instructor accounts wait for an admin's approval.
    func register(_ context: RequestContext) throws -> HTTPResponse {
        try limit(context)
        let body = try JSONResponse.decode(Register.self, from: context.request)
        // Anyone may ask to teach; only an administrator makes administrators.
        guard let role = Role(rawValue: body.role ?? "student"), role != .admin else { throw HTTPError.invalid("role must be student or instructor", field: "role") }
        let (email, username) = try Accounts.checkAccount(email: body.email, username: body.username, password: body.password)
        try TextBounds.checkName(body.name ?? "")
        let user = try store.createUser(email: email, username: username, name: body.name ?? "", passwordHash: try Accounts.hash(body.password), role: role,
                                        approved: !role.needsApproval)
        store.record("register", userID: user.id, detail: role.rawValue, address: context.clientAddress)
        return JSONResponse.make(status: 201, user)
    }

    func login(_ context: RequestContext) throws -> HTTPResponse {
        try limit(context)
        let body = try JSONResponse.decode(Login.self, from: context.request)
        let user = try CredentialCheck(store: store, lockout: lockout).account(login: try body.name(), password: body.password,
                                                                              address: context.clientAddress)
        store.record("login", userID: user.id, address: context.clientAddress)
        return JSONResponse.make(try issue(for: user, family: SecureRandom.token(16)))
    }

    /// 429 with Retry-After when this client address signs in or registers too often.
    private func limit(_ context: RequestContext) throws(HTTPError) {
        if let seconds = attempts?.take(context.clientAddress) {
            throw HTTPError(429, "too many sign-in attempts from this address; wait \(seconds) seconds", headers: [("Retry-After", String(seconds))])
        }
    }

    func refresh(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONResponse.decode(Refresh.self, from: context.request)
        let now = Int(Date().timeIntervalSince1970)
        switch try store.spendRefreshToken(hash: tokens.hash(refreshToken: body.refreshToken), now: now) {
        case .valid(let userID, let family):
            // The account as it is now: a disabled, unapproved or deleted one gets no new access token.
            guard let user = try store.user(id: userID), Accounts.refusal(user) == nil else { throw HTTPError(401, "the refresh token is not valid") }
            return JSONResponse.make(try issue(for: user, family: family))
        case .reused:
            throw HTTPError(401, "this refresh token was already used; sign in again")
        case .invalid:
            throw HTTPError(401, "the refresh token is not valid")
        }
    }

    func logout(_ context: RequestContext) throws -> HTTPResponse {
        let body = try JSONResponse.decode(Refresh.self, from: context.request)
        try store.revokeFamily(ofTokenHash: tokens.hash(refreshToken: body.refreshToken))
        return HTTPResponse(status: 204)
    }

    func updateProfile(_ context: RequestContext, replacing: Bool = false) throws -> HTTPResponse {
        let user = try context.requireUser()
        let body: Profile
        if replacing {
            let full = try JSONResponse.decode(FullProfile.self, from: context.request)
            // The same email written again is no change, also for staff, who cannot change theirs here.
            body = Profile(name: full.name, email: Identity.email(full.email) == user.email ? nil : full.email)
        } else {
            body = try JSONResponse.decode(Profile.self, from: context.request)
        }
        let email = body.email.map(Identity.email)
        if let name = body.name { try TextBounds.checkName(name) }
        if let email {
            guard Accounts.isEmail(email) else { throw HTTPError.invalid("email is not a valid address", code: "email_invalid", field: "email") }
            // An instructor's email decides which courses they teach: staff emails change only by an administrator.
            guard user.role == .student else {
                throw HTTPError(403, "instructors and administrators cannot change their email here; ask an administrator")
            }
        }
        guard let updated = try store.updateProfile(userID: user.id, name: body.name, email: email) else { throw HTTPError.unauthorized }
        return JSONResponse.make(updated)
    }

    /// The one route an account signed in with a first-use password may use besides reading itself.
    func changePassword(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireSignedIn()
        try limit(context)
        let body = try JSONResponse.decode(PasswordChange.self, from: context.request)
        let account = "user:\(user.id)@" + context.clientAddress
        let now = Int(Date().timeIntervalSince1970)
        if let seconds = lockout.lockedFor(account, now: now) {
            throw HTTPError(423, "too many failed attempts; try again in \(seconds / 60 + 1) minutes", headers: [("Retry-After", String(seconds))])
        }
        guard body.currentPassword.utf8.count <= 1024, let hash = try store.passwordHash(userID: user.id),
              PasswordHash.verify(body.currentPassword, against: hash) else {
            lockout.failed(account, now: now)
            throw HTTPError(400, "the current password is wrong", code: "password_wrong", field: "current_password")
        }
        guard body.newPassword != body.currentPassword else {
            throw HTTPError.invalid("the new password must differ from the current one", code: "password_unchanged", field: "new_password")
        }
        do {
            try PasswordPolicy.check(body.newPassword, username: user.username, email: user.email)
        } catch {
            throw error.on("new_password")
        }
        try store.setPassword(userID: user.id, hash: try Accounts.hash(body.newPassword), mustChange: false)
        store.record("password.changed", userID: user.id, address: context.clientAddress)
        return HTTPResponse(status: 204)
    }

    private func issue(for user: User, family: String) throws -> TokenPair {
        let now = Int(Date().timeIntervalSince1970)
        let refresh = tokens.newRefreshToken()
        try store.storeRefreshToken(hash: refresh.hash, userID: user.id, family: family, expiresAt: now + tokens.refreshLifetime)
        return TokenPair(accessToken: tokens.accessToken(for: user, now: now), refreshToken: refresh.token,
                         expiresIn: tokens.accessLifetime, user: user, mustChangePassword: user.mustChangePassword)
    }

}
