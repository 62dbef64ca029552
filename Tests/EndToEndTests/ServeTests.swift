// `lectern serve` over real HTTP on 127.0.0.1 with a real database: an SQLite file, or a PostgreSQL server.
import Crypto
import Foundation
import LecternTesting
import Testing

/// A server for a course (the Python sample by default) with its own database folder (and, for PostgreSQL,
/// a fresh database on the test cluster). `staff` are made with `lectern users add` before it starts, as an
/// admin sets up a classroom: (username, email, role).
func startServer(store: StoreKind = .sqlite, _ course: URL = sampleCourse("python-foundations"), staff: [(String, String, String)] = [],
                 options: [String] = []) throws -> (LecternProcess, TemporaryCourse) {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    for (username, email, role) in staff { try addUser(database, email: email, username: username, role: role) }
    let server = try LecternProcess(["serve", course.path, "--port", "0", "--db", database] + options)
    return (server, data)
}

/// The administrator most tests sign in as.
let adminAccount = ("admin", "admin@example.org", "admin")

let studentPassword = "correct horse battery"

@discardableResult
func registerAndLogin(_ server: LecternProcess, _ name: String) throws -> [String: Any] {
    let created = try server.request("POST", "/api/v1/auth/register",
                                      json: ["email": "\(name)@example.org", "username": name, "password": studentPassword, "name": name.capitalized])
    #expect(created.status == 201, "\(created.text)")
    let login = try server.request("POST", "/api/v1/auth/login", json: ["login": name, "password": studentPassword])
    #expect(login.status == 200, "\(login.text)")
    return login.json
}

@Test(arguments: StoreKind.tested) func healthReadyAndTheSiteWithoutAnswers(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store)
    // The database folder lives as long as the test: /api/v1/ready reports database files removed under it.
    defer { withExtendedLifetime(data) {} }
    #expect(try server.request("GET", "/api/v1/health").json["status"] as? String == "ok")
    #expect(try server.request("GET", "/api/v1/ready").json["status"] as? String == "ready")
    let home = try server.request("GET", "/python-foundations/index.html")
    #expect(home.status == 200 && home.text.contains("Python Foundations"))
    #expect((home.headers["Content-Security-Policy"] as? String)?.contains("default-src 'self'") == true)
    #expect(home.headers["X-Content-Type-Options"] as? String == "nosniff")
    let quiz = try server.get("/python-foundations/getting-started/check.html")
    #expect(quiz.status == 200 && !quiz.body.contains("quiz-key"))
    #expect(try server.get("/no/such/page.html").status == 404)
    #expect(try server.request("GET", "/api/v1/nothing").json["detail"] as? String == "no such API route")
    #expect(try server.request("DELETE", "/api/v1/health").status == 405)
}

@Test(arguments: StoreKind.tested) func studentRegistersSignsInAndEditsTheirProfile(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let tokens = try registerAndLogin(server, "ada")
    let access = try #require(tokens["access_token"] as? String)
    #expect((tokens["user"] as? [String: Any])?["role"] as? String == "student")
    #expect(tokens["token_type"] as? String == "bearer" && tokens["expires_in"] as? Int == 900)
    let me = try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(access)"])
    #expect(me.status == 200 && me.json["username"] as? String == "ada" && me.json["password_hash"] == nil)
    let patched = try server.request("PATCH", "/api/v1/users/me", json: ["name": "Ada Lovelace"], headers: ["Authorization": "Bearer \(access)"])
    #expect(patched.json["name"] as? String == "Ada Lovelace")
    #expect(try server.request("POST", "/api/v1/auth/register",
                               json: ["email": "ADA@example.org", "username": "other", "password": studentPassword]).status == 409)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "ada", "password": "wrong password!"]).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "ada@example.org", "password": studentPassword]).status == 200)
    let changed = try server.request("POST", "/api/v1/users/me/password",
                                     json: ["current_password": studentPassword, "new_password": "a new long passphrase"],
                                     headers: ["Authorization": "Bearer \(access)"])
    #expect(changed.status == 204)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "ada", "password": "a new long passphrase"]).status == 200)
}

@Test(arguments: StoreKind.tested) func refreshTokensRotateAndAReplayRevokesTheFamily(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let tokens = try registerAndLogin(server, "grace")
    let first = try #require(tokens["refresh_token"] as? String)
    let rotated = try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": first])
    #expect(rotated.status == 200)
    let second = try #require(rotated.json["refresh_token"] as? String)
    #expect(second != first)
    // The spent token comes back: refused, and the token it was exchanged for dies with it.
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": first]).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": second]).status == 401)

    let again = try #require(try server.request("POST", "/api/v1/auth/login", json: ["login": "grace", "password": studentPassword]).json["refresh_token"] as? String)
    #expect(try server.request("POST", "/api/v1/auth/logout", json: ["refresh_token": again]).status == 204)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": again]).status == 401)
}

@Test func forgedExpiredAndAlgNoneTokensGet401() throws {
    let (server, data) = try startServer()
    let tokens = try registerAndLogin(server, "linus")
    let access = try #require(tokens["access_token"] as? String)
    let parts = access.split(separator: ".").map(String.init)
    let admin = Base64URL.encode(Array(#"{"exp":9999999999,"role":"admin","sub":"1","typ":"access"}"#.utf8))
    let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
    let secret = try Array(Data(contentsOf: data.url.appendingPathComponent("lectern-secret.key")))
    let expired = JWT.sign(["sub": "1", "role": "student", "typ": "access", "exp": 1000], key: secret)
    for token in [parts[0] + "." + admin + "." + parts[2], none + "." + admin + ".", expired, "garbage", access + "x"] {
        let response = try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(token)"])
        #expect(response.status == 401, "\(token)")
        #expect(response.json["detail"] != nil)
    }
    #expect(try server.request("GET", "/api/v1/users/me").status == 401)
    #expect(try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(access)"]).status == 200)
}

@Test(arguments: StoreKind.tested) func badInputGetsTheRight4xx(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let malformed = try server.request("POST", "/api/v1/auth/register", body: Data("{\"email\": ".utf8), headers: ["Content-Type": "application/json"])
    #expect(malformed.status == 400 && malformed.json["detail"] as? String == "the request body is not valid JSON")
    let wrongType = try server.request("POST", "/api/v1/auth/register", json: ["email": 5, "username": "x", "password": "y"])
    #expect(wrongType.status == 422 && wrongType.json["detail"] as? String == "field 'email' has the wrong type")
    let missing = try server.request("POST", "/api/v1/auth/login", json: ["login": "someone"])
    #expect(missing.status == 422 && missing.json["detail"] as? String == "missing field 'password'")
    let short = try server.request("POST", "/api/v1/auth/register", json: ["email": "a@b.org", "username": "abc", "password": "short"])
    #expect(short.status == 422 && (short.json["detail"] as? String)?.contains("at least 10 characters") == true)
    let huge = try server.request("POST", "/api/v1/auth/login", body: Data(count: 10 * 1024 * 1024), headers: ["Content-Type": "application/json"])
    #expect(huge.status == 413)
    let instructor = try server.request("POST", "/api/v1/auth/register",
                                        json: ["email": "teach@example.org", "username": "teach", "password": studentPassword, "role": "instructor"])
    #expect(instructor.status == 201 && instructor.json["approved"] as? Bool == false)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "teach", "password": studentPassword]).status == 403)
    #expect(try server.request("POST", "/api/v1/auth/register",
                               json: ["email": "boss@example.org", "username": "boss", "password": studentPassword, "role": "admin"]).status == 422)
    for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/python-foundations/index.html%00.txt"] {
        let response = try rawHTTP(port: server.port, "GET \(path) HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        #expect(response.hasPrefix("HTTP/1.1 400") || response.hasPrefix("HTTP/1.1 404"), "\(path)")
        #expect(!response.contains("root:"))
    }
}

@Test func sigtermStopsTheServerCleanly() throws {
    let (server, data) = try startServer()
    try registerAndLogin(server, "closer")
    #expect(server.stop() == 0)
    // The database was closed cleanly: its write-ahead log checkpointed into the file and emptied.
    let wal = data.url.appendingPathComponent("lectern.db-wal").path
    let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
    #expect(size == 0)
}

@Test(arguments: StoreKind.tested) func repeatedFailedSignInsLockTheAccount(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    try registerAndLogin(server, "guarded")
    for _ in 0..<5 {
        #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "guarded", "password": "not the password"]).status == 401)
    }
    // Locked now, whether named by username or email, even with the right password.
    let locked = try server.request("POST", "/api/v1/auth/login", json: ["login": "guarded@example.org", "password": studentPassword])
    #expect(locked.status == 423 && Int(locked.headers["Retry-After"] as? String ?? "") ?? 0 > 0)
}

@Test(arguments: StoreKind.tested) func signInsFromOneAddressAreRateLimited(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    var statuses: [Int] = []
    for index in 0..<24 {
        statuses.append(try server.request("POST", "/api/v1/auth/login", json: ["login": "nobody\(index)", "password": "whatever password"]).status)
    }
    #expect(statuses.prefix(20).allSatisfy { $0 == 401 })
    #expect(statuses.last == 429)
    let limited = try server.request("POST", "/api/v1/auth/register", json: ["email": "x@example.org", "username": "xyz", "password": studentPassword])
    #expect(limited.status == 429 && limited.headers["Retry-After"] != nil)
}

@Test(arguments: StoreKind.tested) func reviewsAverageAndValidation(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    var ids: [Int] = []
    for (name, rating) in [("rita", 5), ("ravi", 2)] {
        let access = try #require(try registerAndLogin(server, name)["access_token"] as? String)
        let auth = ["Authorization": "Bearer \(access)"]
        #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": rating], headers: auth).status == 403)
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
        #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 6], headers: auth).status == 422)
        let created = try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": rating, "comment": "\(name) says"],
                                         headers: auth)
        #expect(created.status == 201)
        ids.append(try #require(created.json["id"] as? Int))
    }
    let list = try server.request("GET", "/api/v1/reviews?course=python-foundations")
    #expect(list.json["total"] as? Int == 2 && list.json["average"] as? Double == 3.5)
    #expect(try server.request("GET", "/api/v1/reviews?course=nope").status == 404)
    #expect(try server.request("GET", "/api/v1/reviews/\(ids[0])").json["username"] as? String == "rita")
}

@Test(arguments: StoreKind.tested) func theServerPublishesItsOpenAPIDescriptionAndADocsPage(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let spec = try server.request("GET", "/api/v1/openapi.json")
    #expect(spec.status == 200 && (spec.json["openapi"] as? String)?.hasPrefix("3.") == true)
    let paths = try #require(spec.json["paths"] as? [String: Any])
    #expect(paths["/api/v1/auth/login"] != nil && paths.count >= 20)
    let docs = try server.request("GET", "/api/docs")
    #expect(docs.status == 200 && docs.text.contains("/api/v1/openapi.json") && docs.text.contains("<script src=\"/api/docs.js\" defer>"))
    #expect(try server.request("GET", "/api/docs.js").text.contains("fetch(\"/api/v1/openapi.json\")"))
    let browser = try Browser()
    try browser.open(URL(string: "http://127.0.0.1:\(server.port)/api/docs")!)
    try browser.wait(until: "document.querySelectorAll('#routes section').length >= 20", timeout: 10)
}
