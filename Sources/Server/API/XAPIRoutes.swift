import Crypto
import Foundation
import HTTP
import Utilities

/// `/api/v1/xapi/statements`: a documented subset of the xAPI 1.0.3 LRS statements resource, so a
/// central Lectern can collect the records of offline kiosks (or any xAPI tool's) with nothing else
/// installed: POST one statement or a list, PUT one by `statementId`, GET one by `statementId` or a
/// filtered, paged list. Statements are kept as sent, never changed; for administrators.
struct XAPIRoutes {
    let store: any Storage
    /// This server's address, for the `authority` it adds to what it stores.
    let homePage: String
    /// Sign-ins per client address: HTTP Basic sign-ins count as sign-ins.
    let signIns: RateLimiter?
    let basic: BasicSignIns
    let credentials: CredentialCheck
    static let prefix = "/api/v1/xapi/"
    static let version = "1.0.3"
    static let versionHeader = ("X-Experience-API-Version", version)

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/xapi/statements") { context in try answer { try post(context) } }
        router.add("PUT", "/api/v1/xapi/statements") { context in try answer { try put(context) } }
        router.add("GET", "/api/v1/xapi/statements") { context in try answer { try get(context) } }
    }

    /// Every answer, refusals included, says which xAPI version the server speaks.
    private func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            var response = try body()
            response.headers.append(Self.versionHeader)
            return response
        } catch var error as HTTPError {
            error.headers.append(Self.versionHeader)
            throw error
        } catch let error as StoreError {
            var refusal = HTTPError(error)
            refusal.headers.append(Self.versionHeader)
            throw refusal
        }
    }

    /// The administrator sending (a bearer token, or HTTP Basic as record-store clients send), once the
    /// request says it speaks xAPI 1.0.
    private func sender(_ context: RequestContext) throws -> User {
        var context = context
        if context.token == nil, let header = context.request.header("authorization"), header.hasPrefix("Basic ") {
            let account = try basicAccount(header, address: context.clientAddress)
            context.token = AuthenticatedUser(id: account.id, role: account.role)
            context.account = account
        }
        let admin = try context.require(.administer)
        guard let version = context.request.header("x-experience-api-version"), version == "1.0" || version.hasPrefix("1.0.") else {
            throw HTTPError.badRequest("send the header X-Experience-API-Version: \(Self.version)")
        }
        return admin
    }

    func post(_ context: RequestContext) throws -> HTTPResponse {
        let admin = try sender(context)
        let sent = try parse(context.request)
        let list = sent as? [Any] ?? [sent]
        guard !list.isEmpty else { throw HTTPError.badRequest("no statement was sent") }
        let prepared = try list.enumerated().map { index, statement in
            try prepare(statement, path: list.count == 1 && !(sent is [Any]) ? "statement" : "statements[\(index)]", by: admin, id: nil)
        }
        guard Set(prepared.map(\.id)).count == prepared.count else { throw HTTPError.badRequest("two statements in the request share an id") }
        try store.storeStatements(prepared, stored: Self.milliseconds(), sameContent: Self.sameContent)
        return JSONResponse.make(prepared.map(\.id))
    }

    func put(_ context: RequestContext) throws -> HTTPResponse {
        let admin = try sender(context)
        guard let id = context.request.query["statementId"] else { throw HTTPError.badRequest("PUT needs ?statementId=") }
        do { try XAPIValidator.uuid(id, "statementId") } catch { throw HTTPError.invalid("statementId \(error.message)", field: "statementId") }
        let statement = try prepare(try parse(context.request), path: "statement", by: admin, id: id.lowercased())
        try store.storeStatements([statement], stored: Self.milliseconds(), sameContent: Self.sameContent)
        return HTTPResponse(status: 204)
    }

    func get(_ context: RequestContext) throws -> HTTPResponse {
        _ = try sender(context)
        let query = context.request.query
        if let id = query["statementId"] {
            guard let body = try store.statement(id: id.lowercased()) else { throw HTTPError.notFound("no statement has this id") }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: .bytes(Array(body.utf8)))
        }
        var filter = StatementQuery()
        filter.verb = query["verb"]
        filter.activity = query["activity"]
        if let agent = query["agent"] {
            guard let object = try? JSONSerialization.jsonObject(with: Data(agent.utf8)), (try? XAPIValidator.agentOrGroup(object, "agent")) != nil,
                  let key = Self.actorKey(object) else {
                throw HTTPError.invalid("agent must be an Agent as JSON, e.g. {\"account\": {\"homePage\": \"https://…\", \"name\": \"ana\"}}", field: "agent")
            }
            filter.actor = key
        }
        for (name, keyPath) in [("since", \StatementQuery.since), ("until", \StatementQuery.until)] {
            guard let text = query[name] else { continue }
            guard let date = Self.parseDate(text) else { throw HTTPError.invalid("\(name) must be an ISO 8601 date and time", field: name) }
            filter[keyPath: keyPath] = Int(date.timeIntervalSince1970 * 1000)
        }
        filter.ascending = query["ascending"] == "true"
        if let text = query["limit"] {
            guard let limit = Int(text), (0...500).contains(limit) else { throw HTTPError.invalid("limit must be a number from 0 to 500 (0: 500)", field: "limit") }
            filter.limit = limit == 0 ? 500 : limit
        }
        if let text = query["offset"] {
            guard let offset = Int(text), offset >= 0 else { throw HTTPError.invalid("offset must be a number from 0", field: "offset") }
            filter.offset = offset
        }
        let (bodies, hasMore) = try store.statements(filter)
        var more = ""
        if hasMore {
            var components = URLComponents()
            components.path = "/api/v1/xapi/statements"
            components.queryItems = query.filter { $0.key != "offset" }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
                + [URLQueryItem(name: "offset", value: String(filter.offset + filter.limit))]
            more = components.string ?? ""
        }
        let moreJSON = String(decoding: (try? JSONSerialization.data(withJSONObject: more, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("\"\"".utf8),
                              as: UTF8.self)
        let body = "{\"more\":\(moreJSON),\"statements\":[" + bodies.joined(separator: ",") + "]}"
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: .bytes(Array(body.utf8)))
    }

    /// The account an HTTP Basic `username:password` names, checked as a sign-in is (lockout, refusals,
    /// no account discovery). A client's password is checked (argon2id) once per five minutes, and each
    /// check counts against the address's sign-in limit, so guessing is as slow here as at the sign-in form.
    private func basicAccount(_ header: String, address: String) throws -> User {
        if let id = basic.cached(header), let account = try store.user(id: id) { return account }
        if let seconds = signIns?.take(address) {
            throw HTTPError(429, "too many sign-in attempts from this address; wait \(seconds) seconds", headers: [("Retry-After", String(seconds))])
        }
        let challenge = ("WWW-Authenticate", "Basic realm=\"lectern xapi\"")
        guard let decoded = Data(base64Encoded: String(header.dropFirst("Basic ".count))).map({ String(decoding: $0, as: UTF8.self) }),
              let colon = decoded.firstIndex(of: ":") else { throw HTTPError(401, "wrong login or password", headers: [challenge]) }
        do {
            let account = try credentials.account(login: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...]),
                                                  address: address)
            basic.remember(header, userID: account.id)
            return account
        } catch var refusal as HTTPError where refusal.status == 401 {
            refusal.headers.append(challenge)
            throw refusal
        }
    }

    // MARK: - Statements

    private func parse(_ request: HTTPRequest) throws -> Any {
        guard !request.body.isEmpty else { throw HTTPError.badRequest("the request needs a JSON body") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(request.body)) else { throw HTTPError.badRequest("the request body is not valid JSON") }
        return value
    }

    /// Checked, given an id when it has none, `stored` and `authority` added, and its query keys read.
    private func prepare(_ statement: Any, path: String, by admin: User, id: String?) throws -> StoredStatement {
        do { try XAPIValidator.check(statement, path: path) } catch { throw HTTPError.invalid("\(error.path) \(error.message)", field: error.path) }
        var object = statement as! [String: Any]
        let given = (object["id"] as? String)?.lowercased()
        if let id, let given, given != id { throw HTTPError.invalid("the statement's id differs from statementId", field: "statementId") }
        let statementID = id ?? given ?? UUID().uuidString.lowercased()
        object["id"] = statementID
        object["stored"] = Timestamp.millisecondsText(Self.milliseconds())
        object["authority"] = ["objectType": "Agent", "name": admin.username, "account": ["homePage": homePage, "name": admin.username]]
        if object["timestamp"] == nil { object["timestamp"] = object["stored"] }
        if object["version"] == nil { object["version"] = Self.version }
        let body = String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data(), as: UTF8.self)
        let verb = ((object["verb"] as? [String: Any])?["id"] as? String) ?? ""
        let target = object["object"] as? [String: Any] ?? [:]
        let activity = (target["objectType"] as? String ?? "Activity") == "Activity" ? (target["id"] as? String ?? "") : ""
        return StoredStatement(id: statementID, verb: verb, activity: activity, actor: Self.actorKey(object["actor"] as Any) ?? "", body: body)
    }

    /// One string per identified agent, for the `agent` filter.
    static func actorKey(_ value: Any) -> String? {
        guard let agent = value as? [String: Any] else { return nil }
        if let mbox = agent["mbox"] as? String { return "mbox:" + mbox.lowercased() }
        if let sum = agent["mbox_sha1sum"] as? String { return "sha1:" + sum.lowercased() }
        if let openid = agent["openid"] as? String { return "openid:" + openid }
        if let account = agent["account"] as? [String: Any], let home = account["homePage"] as? String, let name = account["name"] as? String {
            return "account:" + home + "|" + name
        }
        return nil
    }

    /// Two bodies of one id are the same statement when they agree on all but what the LRS added.
    @Sendable static func sameContent(_ first: String, _ second: String) -> Bool {
        func content(_ body: String) -> NSDictionary? {
            guard var object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else { return nil }
            for key in ["stored", "authority", "version"] { object[key] = nil }
            return object as NSDictionary
        }
        guard let a = content(first), let b = content(second) else { return false }
        return a.isEqual(b)
    }

    static func milliseconds() -> Int { Int(Date().timeIntervalSince1970 * 1000) }

    static func parseDate(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

/// HTTP Basic sign-ins that succeeded lately, by a hash of the header (the password is not kept), so a
/// forwarder sending a batch every few seconds costs one password check per five minutes.
final class BasicSignIns: Sendable {
    private let entries = Locked<[String: (userID: Int, until: Int)]>([:])
    static let seconds = 300

    func cached(_ header: String) -> Int? {
        let key = Base64URL.encode(SHA256.hash(Array(header.utf8)))
        return entries.withLock { entries in
            guard let entry = entries[key], entry.until > Clock.now else { return nil }
            return entry.userID
        }
    }

    func remember(_ header: String, userID: Int) {
        let key = Base64URL.encode(SHA256.hash(Array(header.utf8)))
        entries.withLock { entries in
            if entries.count > 1000 { entries = entries.filter { $0.value.until > Clock.now } }
            entries[key] = (userID, Clock.now + Self.seconds)
        }
    }
}
