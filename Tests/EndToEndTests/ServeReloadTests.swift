// A course update reaches every `lectern serve` on one database (issue 16, §2): SIGHUP to one instance or
// `lectern db reload` records a reload request; each instance polls for it, builds the courses aside and
// swaps them in whole, keeping its limits' counters and, when the new files have errors, the old courses.
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
    while Date() < deadline, !text.contains("reload 2 not done") {
        Thread.sleep(forTimeInterval: 0.1)
        text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
    #expect(text.contains("course.yaml:1:") && text.contains("reload 2 not done: the courses have errors"), "\(text)")
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
