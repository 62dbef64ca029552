// The middleware chain in-process: every answer, errors included, gets the security headers and one
// access-log line with its final status; limits and tokens are checked before any route runs.
import Foundation
import HTTP
import LecternTesting
@testable import Server
import Synchronization
import Testing

/// The access log's lines, written from the server's closure.
private final class Log: Sendable {
    let lines = Mutex<[String]>([])
}

private func server(limits: RateLimits = RateLimits(perAddress: nil, perAccount: nil), store kind: StoreKind = .sqlite) throws -> (APIServer, Store, Log)? {
    let folder = try TemporaryCourse(["keep": ""], name: "site")
    guard let store = try makeStore(kind, in: folder, name: "middleware") else { return nil }
    let log = Log()
    let api = APIServer(store: store, tokens: TokenService(secret: Array(repeating: 7, count: 32)), catalog: Catalog([]),
                        siteFolder: folder.url, limits: limits) { line in log.lines.withLock { $0.append(line) } }
    return (api, store, log)
}

private func text(_ response: HTTPResponse) -> String {
    switch response.body {
    case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .shared(let shared): return String(decoding: shared.bytes, as: UTF8.self)
    case .file, .later: return ""
    }
}

@Test func errorsGetSecurityHeadersAndOneLogLine() throws {
    let (api, _, log) = try #require(try server())
    let response = api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/no-such-route"))
    #expect(response.status == 404 && response.header("X-Content-Type-Options") == "nosniff")
    let missingToken = api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/users/me"))
    #expect(missingToken.status == 401 && missingToken.header("WWW-Authenticate") == "Bearer")
    let logged = log.lines.withLock { $0 }
    #expect(logged.count == 2 && logged[0].contains("\"GET /api/v1/no-such-route\" 404") && logged[1].contains("\" 401 "))
}

@Test func theAddressLimitAnswersBeforeTheRouteAndSparesProbes() throws {
    let (api, _, _) = try #require(try server(limits: RateLimits(perAddress: 2, perAccount: nil)))
    let statuses = (0..<3).map { _ in api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/no-such-route")).status }
    #expect(statuses == [404, 429, 429] || statuses == [404, 404, 429])
    #expect(api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/health")).status == 200)
}

@Test(arguments: StoreKind.tested) func aTokenForADeletedAccountIsRefusedWhereAnAccountIsNeeded(_ kind: StoreKind) throws {
    guard let (api, store, _) = try server(store: kind) else { return }
    let tokens = TokenService(secret: Array(repeating: 7, count: 32))
    let user = try store.createUser(email: "gone@example.org", username: "gone", name: "", passwordHash: "x", role: .admin, approved: true)
    let header = ["authorization": "Bearer " + tokens.accessToken(for: user, now: Int(Date().timeIntervalSince1970))]
    #expect(api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/users/me", headers: header)).status == 200)
    try store.deleteUser(id: user.id)
    let refused = api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/users/me", headers: header))
    #expect(refused.status == 401 && text(refused).contains("this account no longer exists"))
    // A route that needs no account answers as if the token were absent.
    #expect(api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/courses", headers: header)).status == 200)
}
