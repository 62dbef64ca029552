// A course update reaches every `lectern serve` on one database (issue 16, §2): SIGHUP to one instance or
// `lectern db reload` records a reload request; each instance polls for it, builds the courses aside and
// swaps them in whole, keeping its limits' counters and, when the new files have errors, the old courses.
import CourseModel
import Foundation
import LecternTesting
import Testing

private func course(title: String) throws -> TemporaryCourse {
    try TemporaryCourse(["course.yaml": "title: \(title)\n",
                         "01-basics/01-first.md": "# First steps\n\nA lesson.\n"], name: "garden")
}

/// Polls `path` on `server` until its text contains `text` (at most 10 seconds: the poll is every 2).
private func waitFor(_ text: String, at path: String, on server: LecternProcess) throws -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        if try server.get(path).body.contains(text) { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return false
}

@Test(arguments: StoreKind.tested) func aReloadReachesEveryInstanceOnTheDatabase(_ store: StoreKind) throws {
    let files = try course(title: "School Garden")
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "shared"))
    let log = data.url.appendingPathComponent("second.log")
    // Started together on a new database: one applies the migrations (and, on SQLite, makes the secret), the other waits for them.
    let options = ["--port", "0", "--db", database, "--sign-in-rate-limit", "3"]
    let first = try LecternProcess(["serve", files.url.path] + options, waitUntilBuilt: false)
    let second = try LecternProcess(["serve", files.url.path] + options, waitUntilBuilt: false, standardError: log)
    try first.waitWhileBuilding()
    try second.waitWhileBuilding()
    for server in [first, second] {
        let ready = try server.request("GET", "/api/v1/ready")
        #expect(ready.status == 200 && ready.json["courses_reload"] as? Int == 0, "\(ready.text)")
        #expect(try server.get("/garden/index.html").body.contains("School Garden"))
    }
    // The sign-in limit's counter survives the reload: 3 a minute from this address, used up before it.
    for _ in 0..<3 {
        #expect(try first.request("POST", "/api/v1/auth/login", json: ["login": "nobody", "password": "wrong password"]).status == 401)
    }

    try files.write("title: School Garden, second edition\n", to: "course.yaml")
    try files.write("# Second steps\n\nAnother lesson.\n", to: "01-basics/02-second.md")
    #expect(kill(first.process.processIdentifier, SIGHUP) == 0)
    for server in [first, second] {
        #expect(try waitFor("School Garden, second edition", at: "/garden/index.html", on: server))
        #expect(try server.get("/garden/basics/second.html").status == 200)
        #expect(try server.request("GET", "/api/v1/courses/garden").json["title"] as? String == "School Garden, second edition")
        #expect(try server.request("GET", "/api/v1/ready").json["courses_reload"] as? Int == 1)
    }
    let limited = try first.request("POST", "/api/v1/auth/login", json: ["login": "nobody", "password": "wrong password"])
    #expect(limited.status == 429, "\(limited.text)")

    // Broken files: the reload is refused with the error's place, the second edition stays served.
    try files.write("title: [School Garden\n", to: "course.yaml")
    let asked = try runLectern("db", "reload", "--db", database)
    #expect(asked.exitCode == 0 && asked.stdout.contains("reload request 2"), "\(asked.stderr)")
    let deadline = Date().addingTimeInterval(10)
    var text = ""
    while Date() < deadline, !text.contains("reload not done (reload request 2)") {
        Thread.sleep(forTimeInterval: 0.1)
        text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
    #expect(text.contains("course.yaml:1:") && text.contains("reload not done (reload request 2): the courses have errors"), "\(text)")
    for server in [first, second] {
        #expect(try server.get("/garden/index.html").body.contains("School Garden, second edition"))
        #expect(try server.request("GET", "/api/v1/ready").json["courses_reload"] as? Int == 1)
    }
    // Mended, and reloaded again: a later request is done even after a refused one.
    try files.write("title: School Garden, third edition\n", to: "course.yaml")
    #expect(try runLectern("db", "reload", "--db", database).exitCode == 0)
    for server in [first, second] {
        #expect(try waitFor("School Garden, third edition", at: "/garden/index.html", on: server))
        #expect(try server.request("GET", "/api/v1/ready").json["courses_reload"] as? Int == 3)
    }
    #expect(first.stop() == 0 && second.stop() == 0)
}

/// Requests sent over and over from other threads while a test changes the server's courses: every answer
/// that is not the expected status is kept, to show that none failed.
private final class Hammer: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private(set) var failures: [String] = []
    private(set) var answered = 0
    private let group = DispatchGroup()

    init(_ server: LecternProcess, _ requests: [(path: String, headers: [String: String])]) {
        for request in requests {
            group.enter()
            Thread { [self] in
                defer { group.leave() }
                while !lock.withLock({ stopped }) {
                    do {
                        let answer = try server.request("GET", request.path, headers: request.headers)
                        lock.withLock {
                            answered += 1
                            if answer.status != 200 { failures.append("\(request.path): \(answer.status) \(answer.text.prefix(200))") }
                        }
                    } catch {
                        lock.withLock { failures.append("\(request.path): \(error)") }
                    }
                }
            }.start()
        }
    }

    /// Stops the threads; returns the failures and how many requests were answered.
    func stop() -> (failures: [String], answered: Int) {
        lock.withLock { stopped = true }
        group.wait()
        return lock.withLock { (failures, answered) }
    }
}

/// Asks for a reload through the API and waits until this server has done it (or refused it).
private func reloadThroughTheAPI(_ server: LecternProcess, _ admin: [String: String]) throws -> [String: Any] {
    let asked = try server.request("POST", "/api/v1/admin/reload", headers: admin)
    #expect(asked.status == 202, "\(asked.text)")
    let request = try #require(asked.json["reload_request"] as? Int)
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
        let status = try server.request("GET", "/api/v1/admin/reload", headers: admin).json
        if let last = status["last"] as? [String: Any], last["request"] as? Int ?? 0 >= request { return last }
        Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("reload \(request) was not done in 20 seconds")
    return [:]
}

@Test(arguments: StoreKind.tested) func aRunningServerTakesACourseUpdateWithoutFailingARequestOrLosingProgress(_ store: StoreKind) throws {
    let files = try TemporaryCourse([
        "course.yaml": "title: Pond Life\n",
        "01-water/01-frogs.md": "---\nid: water.frogs\n---\n# Frogs\n\nFrogs lay eggs in spring.\n",
        "01-water/02-newts.md": "# Newts\n\nNewts are amphibians too.\n",
        "01-water/03-check.quiz.yaml": "questions:\n  - id: eggs\n    type: true_false\n    prompt: Frogs lay eggs.\n    answer: true\n",
    ], name: "pond")
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "pond"))
    try addUser(database, email: "admin@example.org", username: "admin", role: "admin")
    // No rate limits: the requests below come as fast as the threads can send them.
    let server = try LecternProcess(["serve", files.url.path, "--port", "0", "--db", database, "--rate-limit", "0", "--account-rate-limit", "0"])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let learner = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "tadpole")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "pond"], headers: learner).status == 201)
    for lesson in ["water.frogs", "water.newts"] {
        #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: learner).status == 200)
    }
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/water.check/attempts", headers: learner).json["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": [["question_id": "eggs", "answer": true]]],
                               headers: learner).status == 200)
    #expect((try server.request("GET", "/api/v1/admin/orphans", headers: admin).json["total"] as? Int) == 0)
    #expect(try server.request("GET", "/api/v1/admin/orphans", headers: learner).status == 403)
    #expect(try server.request("POST", "/api/v1/admin/reload", headers: learner).status == 403)
    #expect(try server.request("POST", "/api/v1/admin/reload").status == 401)

    let hammer = Hammer(server, [("/pond/index.html", [:]), ("/api/v1/courses/pond", [:]), ("/api/v1/enrollments/my-courses", learner),
                                 ("/api/v1/ready", [:])])
    // The frogs lesson's file renamed (its id written in it), newts removed, a lesson added.
    try files.move("01-water/01-frogs.md", to: "01-water/01-frogs-and-toads.md")
    try FileManager.default.removeItem(at: files.url.appendingPathComponent("01-water/02-newts.md"))
    try files.write("# Toads\n\nToads walk more than they hop.\n", to: "01-water/04-toads.md")
    let done = try reloadThroughTheAPI(server, admin)
    #expect(done["succeeded"] as? Bool == true && done["courses"] as? Int == 1, "\(done)")
    #expect(try server.get("/pond/water/toads.html").status == 200)
    #expect(try server.get("/pond/water/newts.html").status == 404)
    // Pages are named by id: the renamed file keeps its address.
    #expect(try server.get("/pond/water/frogs.html").body.contains("Frogs lay eggs"))

    // Files with an error: refused with the error's place, the updated course still served.
    try files.write("title: [Pond Life\n", to: "course.yaml")
    let refused = try reloadThroughTheAPI(server, admin)
    let messages = (refused["messages"] as? [String] ?? []).joined(separator: "\n")
    #expect(refused["succeeded"] as? Bool == false && messages.contains("course.yaml:1:"), "\(refused)")
    #expect(try server.get("/pond/water/toads.html").status == 200)
    let status = try server.request("GET", "/api/v1/admin/reload", headers: admin).json
    #expect(status["courses_reload"] as? Int == 1 && status["latest_request"] as? Int == 2, "\(status)")

    let (failures, answered) = hammer.stop()
    #expect(failures.count == 0, "\(failures.prefix(3))")
    #expect(answered > 20)

    // The frogs completion still counts (same id), by the one rule; the newts one is kept and listed as an orphan.
    try files.write("title: Pond Life\n", to: "course.yaml")
    let updated = try Loader.load(files.url).course
    let expected = CourseStanding(course: updated, completedLessons: ["water.frogs", "water.newts"], bestScores: ["water.check": 100]).percent
    let mine = try server.request("GET", "/api/v1/enrollments/my-courses", headers: learner)
    let percentage = try #require(((mine.json["items"] as? [[String: Any]])?.first)?["percentage"] as? Double, "\(mine.text)")
    #expect(percentage == expected && expected < 100 && expected > 0, "\(mine.text)")
    let orphans = try server.request("GET", "/api/v1/admin/orphans", headers: admin).json
    let items = orphans["items"] as? [[String: Any]] ?? []
    #expect(items.count == 1 && items.first?["kind"] as? String == "lesson" && items.first?["item"] as? String == "water.newts"
            && items.first?["records"] as? Int == 1 && items.first?["learners"] as? Int == 1, "\(orphans)")
    let log = try server.request("GET", "/api/v1/activity-log?type=courses.reload", headers: admin).json
    #expect(log["total"] as? Int == 2, "\(log)")

    // The same list from the command line, for the folder as it is now.
    let listed = try runLectern("db", "orphans", files.url.path, "--db", database)
    #expect(listed.exitCode == 0 && listed.stdout.split(whereSeparator: \.isNewline) == ["kind,course,id,records,learners", "lesson,pond,water.newts,1,1"],
            "\(listed.stdout)\(listed.stderr)")
}

@Test func watchReloadsWhenTheFilesChangeAndDraftCoursesStayOut() throws {
    let files = try course(title: "School Garden")
    let draft = try TemporaryCourse(["course.yaml": "title: Orchard\ndraft: true\n", "01-trees/01-apples.md": "# Apples\n\nRed.\n"], name: "orchard")
    let (server, _) = try startServer(files.url, options: [draft.url.path, "--watch"])
    #expect(try server.get("/garden/index.html").status == 200)
    // A draft course is checked but not served; built with --drafts it is.
    #expect(try server.request("GET", "/api/v1/courses/orchard").status == 404)
    #expect(try server.get("/orchard/index.html").status == 404)
    try files.write("# Third steps\n\nWatered.\n", to: "01-basics/03-third.md")
    #expect(try waitFor("Watered.", at: "/garden/basics/third.html", on: server))
    // Publishing the draft: the key removed, the watcher of its folder reloads.
    try draft.write("title: Orchard\n", to: "course.yaml")
    #expect(try waitFor("Orchard", at: "/orchard/index.html", on: server))

    let out = try TemporaryCourse(["keep": ""], name: "out")
    try draft.write("title: Orchard\ndraft: true\n", to: "course.yaml")
    let plain = try runLectern("build", draft.url.path, files.url.path, "--out", out.url.appendingPathComponent("plain").path)
    #expect(plain.exitCode == 0 && plain.stderr.contains("is a draft course (draft: true in course.yaml): left out; --drafts includes it"), "\(plain.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.url.appendingPathComponent("plain/orchard").path))
    #expect(try runLectern("build", draft.url.path, "--drafts", "--out", out.url.appendingPathComponent("drafts").path).exitCode == 0)
    #expect(FileManager.default.fileExists(atPath: out.url.appendingPathComponent("drafts/index.html").path))
    let packaged = try runLectern("package", draft.url.path, "--format", "scorm12", "--out", out.url.appendingPathComponent("o.zip").path)
    #expect(packaged.exitCode == 1 && packaged.stderr.contains("a draft course is not packaged"), "\(packaged.stderr)")
}

@Test func anAdministratorReloadsTheCoursesFromTheAdministrationPage() throws {
    let files = try TemporaryCourse([
        "course.yaml": "title: Pond Life\n",
        "01-water/01-frogs.md": "# Frogs\n\nFrogs lay eggs in spring.\n",
        "01-water/02-newts.md": "# Newts\n\nNewts are amphibians too.\n",
    ], name: "pond")
    let (server, _) = try startServer(files.url, staff: [adminAccount])
    let learner = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "tadpole")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "pond"], headers: learner).status == 201)
    #expect(try server.request("POST", "/api/v1/progress/lessons/water.newts/complete", headers: learner).status == 200)
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "!document.getElementById('lectern-admin-courses').hidden", timeout: 20)
    #expect(try browser.text("#lectern-admin-reload-state") == "The courses are the ones loaded at start; no reload has been asked for.")
    #expect(try browser.text("#lectern-admin-orphans") == "Every record names a course, lesson or quiz that is served.")
    #expect(try browser.text("#lectern-admin-outbox").hasPrefix("No learning records are forwarded"))

    try FileManager.default.removeItem(at: files.url.appendingPathComponent("01-water/02-newts.md"))
    try browser.click("#lectern-admin-reload")
    try browser.wait(until: "document.getElementById('lectern-admin-reload-state').textContent.startsWith('Reload 1 done')", timeout: 30)
    #expect(try browser.text("#lectern-admin-reload-state").contains(": 1 courses in "))
    let row = try browser.execute("return [...document.querySelectorAll('#lectern-admin-orphans tbody tr')].map(r => [...r.cells].map(c => c.textContent))")
    #expect(row as? [[String]] == [["lesson", "pond", "water.newts", "1", "1"]], "\(String(describing: row))")

    try files.write("title: [Pond Life\n", to: "course.yaml")
    try browser.click("#lectern-admin-reload")
    try browser.wait(until: "document.getElementById('lectern-admin-reload-state').textContent.startsWith('Reload 2 refused')", timeout: 30)
    #expect(try browser.execute("return document.getElementById('lectern-admin-reload-messages').hidden") as? Bool == false)
    #expect(try browser.text("#lectern-admin-reload-messages").contains("course.yaml:1:"))
    #expect(try server.get("/pond/water/frogs.html").status == 200)
}
