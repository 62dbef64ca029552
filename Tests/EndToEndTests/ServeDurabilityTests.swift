// Data survives the server being killed, and the database tools work on it.
import Foundation
import LecternTesting
import Synchronization
import Testing

/// A course of many small lessons, so a burst of progress writes has many distinct rows.
func manyLessonCourse(_ count: Int) throws -> TemporaryCourse {
    var files = ["course.yaml": "title: Burst\ncompletion: {require: lessons}\n"]
    for index in 1...count { files["01-m/\(index)-l\(index).md"] = "# Lesson \(index)\n" }
    return try TemporaryCourse(files, name: "burst")
}

@Test func everyAcknowledgedWriteSurvivesSIGKILL() throws {
    let course = try manyLessonCourse(300)
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = data.url.appendingPathComponent("lectern.db").path
    var server = try LecternProcess(["serve", course.url.path, "--port", "0", "--db", database])
    let access = try #require(try registerAndLogin(server, "burst")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "burst"], headers: auth).status == 201)

    // Writes go out one after another on a background thread while the server is killed mid-burst.
    let acknowledged = Acknowledged()
    let port = server.port
    let writer = Thread {
        for index in 1...300 {
            let request = "POST /api/v1/progress/lessons/m.l\(index)/complete HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer \(access)\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n"
            guard let response = try? rawHTTP(port: port, request), response.hasPrefix("HTTP/1.1 200") else { continue }
            acknowledged.add("m.l\(index)")
        }
        acknowledged.finish()
    }
    // Bookmarks too, answered later by the commit thread (no HTTP thread waits): the place kept must be
    // the last one acknowledged, or one sent after it.
    let lastBookmark = Mutex(0)
    let bookmarks = Thread {
        for index in 1...3000 {
            let body = #"{"href":"p-\#(index).html"}"#
            let request = "PUT /api/v1/progress/courses/burst/bookmark HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer \(access)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
            guard let response = try? rawHTTP(port: port, request), response.hasPrefix("HTTP/1.1 200") else { return }
            lastBookmark.withLock { $0 = index }
        }
    }
    writer.start()
    bookmarks.start()
    while acknowledged.count < 60 || lastBookmark.withLock({ $0 }) < 20 { Thread.sleep(forTimeInterval: 0.005) }
    kill(server.process.processIdentifier, SIGKILL)
    server.process.waitUntilExit()
    acknowledged.wait()
    let written = acknowledged.ids
    #expect(written.count >= 60 && written.count < 300)

    server = try LecternProcess(["serve", course.url.path, "--port", "0", "--db", database])
    let relogin = try #require(try server.request("POST", "/api/v1/auth/login", json: ["login": "burst", "password": studentPassword]).json["access_token"] as? String)
    let progress = try server.request("GET", "/api/v1/progress/courses/burst", headers: ["Authorization": "Bearer \(relogin)"])
    let stored = Set(progress.json["completed_lessons"] as? [String] ?? [])
    #expect(written.isSubset(of: stored), "lost: \(written.subtracting(stored).sorted())")
    let kept = try #require(progress.json["bookmark"] as? String)
    let keptIndex = Int(kept.dropFirst(2).dropLast(5)) ?? 0
    #expect(keptIndex >= lastBookmark.withLock { $0 }, "kept \(kept), acknowledged up to p-\(lastBookmark.withLock { $0 }).html")
}

@Test func backupExportAndRosterImport() throws {
    let data = try TemporaryCourse(["roster.csv": "email,username,name,role,password\nana@example.org,ana,\"Lopez, Ana\",student,a long passphrase\nbad,bob,B,student,a long passphrase\ncarl@example.org,carl,Carl,student,short\n"],
                                   name: "data")
    let database = data.url.appendingPathComponent("lectern.db").path
    let imported = try runLectern("users", "import", data.url.appendingPathComponent("roster.csv").path, "--partial", "--db", database)
    #expect(imported.exitCode == 1)
    #expect(imported.stdout.contains("imported 1 account, 2 refused"))
    #expect(imported.stderr.contains("roster.csv:3:1: error: email is not a valid address"))
    #expect(imported.stderr.contains("roster.csv:4:1: error: password must be at least 10 characters long"))
    let listed = try runLectern("users", "list", "--db", database)
    #expect(listed.stdout.contains("\tana\tana@example.org\tstudent\tapproved\tactive\tLopez, Ana"))
    #expect(try runLectern("users", "set-role", "ana", "instructor", "--db", database).stdout.contains("ana is now instructor"))
    #expect(try runLectern("users", "disable", "ana", "--db", database).stdout.contains("ana is now disabled"))
    #expect(try runLectern("users", "list", "--db", database).stdout.contains("\tana\tana@example.org\tinstructor\tapproved\tdisabled"))
    #expect(try runLectern("users", "enable", "ana@example.org", "--db", database).stdout.contains("ana is now active"))
    #expect(try runLectern("users", "approve", "nobody", "--db", database).stderr.contains("no account 'nobody'"))
    // A forgotten password, reset from the terminal: the password comes on standard input and follows the rules.
    let reset = { (password: String) in
        try runTool("/bin/sh", ["-c", "printf '%s\\n' \"$1\" | \"$2\" users reset-password ana --db \"$3\"", "sh", password, lecternExecutable.path, database])
    }
    let weak = try reset("password123456")
    #expect(weak.status == 1 && weak.output.contains("too common"), "\(weak.output)")
    #expect(try reset("sturdy violet anchor").output.contains("ana has a new password and is signed out everywhere"))

    let copy = data.url.appendingPathComponent("copy.db").path
    #expect(try runLectern("db", "backup", copy, "--db", database).exitCode == 0)
    #expect(try runLectern("users", "list", "--db", copy).stdout.contains("ana@example.org"))
    #expect(try runLectern("db", "backup", copy, "--db", database).exitCode == 1)

    let csv = try runLectern("export", "progress", "--db", database)
    #expect(csv.exitCode == 0 && csv.stdout.hasPrefix("username,email,course,kind,item,score,at"))
    let json = try runLectern("export", "progress", "--format", "json", "--db", database)
    #expect(json.exitCode == 0)
    #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) is [Any])
}

/// Lesson ids the server acknowledged, shared between the writer thread and the test.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var set: Set<String> = []
    private let done = DispatchSemaphore(value: 0)
    func add(_ id: String) { lock.withLock { _ = set.insert(id) } }
    var count: Int { lock.withLock { set.count } }
    var ids: Set<String> { lock.withLock { set } }
    func finish() { done.signal() }
    func wait() { done.wait() }
}
