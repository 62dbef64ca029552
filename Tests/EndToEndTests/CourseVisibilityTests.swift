// `visibility: enrolled` (issue 17, §5): a served course's pages beyond its home are for its enrolled
// learners and staff. Page requests carry the access token in an HttpOnly cookie only the page gate reads;
// the API never accepts it. Checked over raw HTTP so redirects and headers are seen as sent.
import Foundation
import LecternTesting
import Testing

/// One GET over a socket: status line and headers as sent, and the body.
private func get(_ port: Int, _ path: String, cookie: String? = nil) throws -> (status: Int, head: String, body: String) {
    let text = try rawHTTP(port: port, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (cookie.map { "Cookie: \($0)\r\n" } ?? "") + "Connection: close\r\n\r\n")
    let parts = text.components(separatedBy: "\r\n\r\n")
    return (Int(text.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
}

/// The page cookie `POST /api/v1/auth/cookie` sets for an access token.
private func pageCookie(_ server: LecternProcess, _ token: String) throws -> String {
    let answer = try rawHTTP(port: server.port, "POST /api/v1/auth/cookie HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    #expect(answer.hasPrefix("HTTP/1.1 204"), "\(answer)")
    let line = try #require(answer.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: lectern_pages=") }, "\(answer)")
    #expect(line.contains("HttpOnly") && line.contains("SameSite=Strict") && line.contains("Path=/") && line.contains("Max-Age=900"), "\(line)")
    return String(line.dropFirst("Set-Cookie: ".count).split(separator: ";")[0])
}

@Test(arguments: StoreKind.tested) func enrolledOnlyCoursePagesOpenForItsLearnersAndStaffOnly(_ store: StoreKind) throws {
    let closed = try TemporaryCourse([
        "course.yaml": "title: Pond Life\nvisibility: enrolled\nthumbnail: media/pond.png\ninstructors:\n  - {name: Tess, email: tess@example.org}\n",
        "media/pond.png": "not really a picture",
        "01-water/01-frogs.md": "# Frogs\n\nFrogs lay eggs in spring.\n\n![A frog](../media/pond.png)\n",
    ], name: "pond")
    let (server, _) = try startServer(store: store, closed.url,
                                      staff: [adminAccount, ("tess", "tess@example.org", "instructor"), ("other", "other@example.org", "instructor")],
                                      options: [sampleCourse("python-foundations").path])
    let port = server.port
    // Anyone: the course home and the catalog's picture; a page goes to the explanation, other files get 403.
    #expect(try get(port, "/pond/index.html").status == 200)
    #expect(try get(port, "/pond/media/media/pond.png").status == 200)
    let page = try get(port, "/pond/water/frogs.html")
    #expect(page.status == 303 && page.head.contains("Location: /enrolled-only.html?course=pond&next=/pond/water/frogs.html"), "\(page.head)")
    #expect(try get(port, "/pond/water/index.html").status == 303)
    let searchFile = "search/d-0.js"
    #expect(try get(port, "/pond/\(searchFile)").status == 403)
    #expect(try get(port, "/enrolled-only.html").body.contains("This page is for the course's learners"))
    // Other courses are open as before.
    #expect(try get(port, "/python-foundations/getting-started/welcome.html").status == 200)

    // A learner signed in but not enrolled: still the explanation. Enrolled: the page, for this reader only.
    let learner = try #require(try registerAndLogin(server, "tadpole")["access_token"] as? String)
    let learnerCookie = try pageCookie(server, learner)
    #expect(try get(port, "/pond/water/frogs.html", cookie: learnerCookie).status == 303)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "pond"], headers: ["Authorization": "Bearer \(learner)"]).status == 201)
    let open = try get(port, "/pond/water/frogs.html", cookie: "theme=dark; " + learnerCookie)
    #expect(open.status == 200 && open.body.contains("Frogs lay eggs"), "\(open.head)")
    #expect(open.head.contains("Cache-Control: private, no-cache") && open.head.contains("Vary: Cookie"), "\(open.head)")
    #expect(try get(port, "/pond/\(searchFile)", cookie: learnerCookie).status == 200)

    // Staff: the course's instructor and admins, without enrolling; another instructor is refused.
    for (login, status) in [("tess", 200), ("admin", 200), ("other", 303)] {
        #expect(try get(port, "/pond/water/frogs.html", cookie: try pageCookie(server, try token(server, login))).status == status, "\(login)")
    }
    // A forged or tampered cookie, or a token in the Authorization header of a page request, opens nothing.
    #expect(try get(port, "/pond/water/frogs.html", cookie: learnerCookie.dropLast(2) + "xx").status == 303)
    let bearer = try rawHTTP(port: port, "GET /pond/water/frogs.html HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(learner)\r\nConnection: close\r\n\r\n")
    #expect(bearer.hasPrefix("HTTP/1.1 303"))
    // The API never takes the cookie for a token: a cross-site request carrying it has no power.
    let api = try rawHTTP(port: port, "GET /api/v1/users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(learnerCookie)\r\nConnection: close\r\n\r\n")
    #expect(api.hasPrefix("HTTP/1.1 401"), "\(api)")
    #expect(try server.request("POST", "/api/v1/auth/cookie").status == 401)
    // Signing out clears it.
    let cleared = try rawHTTP(port: port, "DELETE /api/v1/auth/cookie HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    #expect(cleared.hasPrefix("HTTP/1.1 204") && cleared.contains("lectern_pages=; Path=/; Max-Age=0"), "\(cleared)")

    // check and a static build say that only the server keeps the pages closed.
    let checked = try runLectern("check", closed.url.path)
    #expect(checked.stderr.contains("note: 'visibility: enrolled' is kept by lectern serve only"), "\(checked.stderr)")
}

@Test func aLearnerReadsAnEnrolledOnlyCourseInTheBrowserOnceEnrolled() throws {
    let closed = try TemporaryCourse([
        "course.yaml": "title: Pond Life\nvisibility: enrolled\n",
        "01-water/01-frogs.md": "# Frogs\n\nFrogs lay eggs in spring.\n",
    ], name: "pond")
    let (server, _) = try startServer(closed.url)
    let base = "http://127.0.0.1:\(server.port)"
    let tokens = try registerAndLogin(server, "tadpole")
    let browser = try Browser()
    // Signed out: the explanation offers to sign in.
    try browser.open(URL(string: "\(base)/pond/water/frogs.html")!)
    try browser.wait(until: "!document.getElementById('lectern-gate-signed-out').hidden", timeout: 15)
    // Signed in (the site sets the page cookie) but not enrolled: after one try, the page says so and links the course home.
    try signIn(browser, base, "tadpole")
    try browser.open(URL(string: "\(base)/pond/water/frogs.html")!)
    try browser.wait(until: "document.getElementById('lectern-gate-not-enrolled') && !document.getElementById('lectern-gate-not-enrolled').hidden", timeout: 20)
    #expect(try browser.execute("return document.getElementById('lectern-gate-course').getAttribute('href')") as? String == "pond/index.html")
    // Enrolled: the lesson itself.
    let auth = ["Authorization": "Bearer \(try #require(tokens["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "pond"], headers: auth).status == 201)
    try browser.open(URL(string: "\(base)/pond/water/frogs.html")!)
    try browser.wait(until: "document.body.textContent.includes('Frogs lay eggs')", timeout: 20)
    #expect(try browser.execute("return location.pathname") as? String == "/pond/water/frogs.html")
}
