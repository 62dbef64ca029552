// Control characters from users (stored names, request paths) reach terminals and logs only escaped.
import Foundation
import HTTP
import LecternTesting
@testable import Server
import Synchronization
import Testing

@Test(arguments: StoreKind.tested) func usersListEscapesControlCharacters(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse(["keep": ""], name: "terminal")
    guard let store = try makeStore(kind, in: folder, name: "lectern") else { return }
    let path = store.path
    // A name stored before names were checked, as an older lectern let it through.
    let user = try store.createUser(email: "eve@example.org", username: "eve", name: "x", passwordHash: "x", role: .student, approved: true)
    try store.write { db in try db.prepare("UPDATE \"user\" SET name = ? WHERE id = ?").run([.text("Eve\u{1B}[2J\n5\tx\\"), .integer(Int64(user.id))]) }
    store.close()
    let listed = try runLectern("users", "list", "--db", path)
    #expect(listed.exitCode == 0 && !listed.stdout.unicodeScalars.contains("\u{1B}"), "\(listed.stdout)")
    #expect(listed.stdout.contains("Eve\\u{1b}[2J\\u{a}5\\u{9}x\\\\"), "\(listed.stdout)")
    #expect(listed.stdout.split(separator: "\n").count == 1)
}

@Test func theAccessLogEscapesThePath() throws {
    let folder = try TemporaryCourse(["keep": ""], name: "site")
    let store = try Store(path: folder.url.appendingPathComponent("log.db").path)
    let lines = Mutex<[String]>([])
    let api = APIServer(store: store, tokens: TokenService(secret: Array(repeating: 7, count: 32)), catalog: Catalog([]), siteFolder: folder.url,
                        limits: RateLimits(perAddress: nil, perAccount: nil)) { line in lines.withLock { $0.append(line) } }
    _ = api.handle(HTTPRequest(method: "GET", rawPath: "/api/v1/\u{1B}]0;owned\u{7}\n127.0.0.1 \"GET /forged\" 200"))
    let logged = lines.withLock { $0 }
    #expect(logged.count == 1 && !logged[0].unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(logged)")
    #expect(logged.first?.contains("/api/v1/\\u{1b}]0;owned\\u{7}\\u{a}127.0.0.1") == true, "\(logged)")
}
