// Learning records out as xAPI 1.0.3 (issue 19, §2): `lectern export xapi` turns a kiosk's records into
// statements, and another Lectern server's statements endpoint takes them in, checked, exactly once.
import CourseModel
import Foundation
import LecternTesting
import Testing

private let xapiHeaders = ["X-Experience-API-Version": "1.0.3"]

@Test(arguments: StoreKind.tested) func aKiosksRecordsTravelAsXAPIStatementsToACentralServer(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    // The kiosk: a learner completes a lesson and submits a quiz with one answer wrong.
    let kioskData = try TemporaryCourse(["keep": ""], name: "kiosk")
    let kioskDB = try #require(try TestPostgres.location(store, in: kioskData.url, name: "kiosk"))
    let kiosk = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", kioskDB])
    let learner = ["Authorization": "Bearer \(try #require(try registerAndLogin(kiosk, "ines")["access_token"] as? String))"]
    #expect(try kiosk.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: learner).status == 201)
    #expect(try kiosk.request("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete", headers: learner).status == 200)
    let quiz = course.quizzes[0]
    let attempt = try #require(try kiosk.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: learner).json["id"] as? Int)
    var answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
    answers.removeLast()
    let graded = try kiosk.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: learner)
    #expect(graded.status == 200, "\(graded.text)")
    #expect(kiosk.stop() == 0)

    let exported = try runLectern("export", "xapi", sampleCourse("python-foundations").path, "--db", kioskDB, "--home-page", "https://kiosk3.example/")
    #expect(exported.exitCode == 0, "\(exported.stderr)")
    let statements = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [[String: Any]])
    let verbs = statements.map { (($0["verb"] as? [String: Any])?["id"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "" }
    #expect(verbs.filter { $0 == "completed" }.count == 1 && verbs.filter { $0 == "attempted" }.count == 1, "\(verbs)")
    #expect(verbs.filter { $0 == "answered" }.count == answers.count && verbs.contains(graded.json["passed"] as? Bool == true ? "passed" : "failed"))
    let completed = try #require(statements.first { ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/completed" })
    #expect((completed["actor"] as? [String: Any])?["account"] as? [String: String] == ["homePage": "https://kiosk3.example/", "name": "ines"])
    let lessonID = "https://kiosk3.example/xapi/activities/python-foundations/" + course.lessons[0].id
    #expect((completed["object"] as? [String: Any])?["id"] as? String == lessonID)
    #expect(((completed["object"] as? [String: Any])?["definition"] as? [String: Any])?["name"] as? [String: String] == ["en": course.lessons[0].title])
    let scored = try #require(statements.first { $0["result"].flatMap { ($0 as? [String: Any])?["score"] } != nil })
    let score = try #require((scored["result"] as? [String: Any])?["score"] as? [String: Double])
    #expect(score["raw"] == graded.json["score"] as? Double && score["scaled"] == (graded.json["score"] as? Double ?? 0) / 100 && score["max"] == 100)
    #expect(((scored["result"] as? [String: Any])?["duration"] as? String)?.hasPrefix("PT") == true)
    let wrong = statements.filter { (($0["result"] as? [String: Any])?["success"] as? Bool) == false && ($0["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/answered" }
    // Each answer given is there, right; the question left unanswered has no answered statement and costs the score.
    #expect(wrong.isEmpty && (graded.json["score"] as? Double ?? 100) < 100, "\(wrong)")
    // Exporting again gives the same statements, ids included.
    #expect(try runLectern("export", "xapi", sampleCourse("python-foundations").path, "--db", kioskDB, "--home-page", "https://kiosk3.example/").stdout == exported.stdout)

    // The central server takes them in once; the same statements again change nothing.
    let (central, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(central, "admin"))"]
    let posted = try central.request("POST", "/api/v1/xapi/statements", body: Data(exported.stdout.utf8),
                                     headers: admin.merging(xapiHeaders) { $1 }.merging(["Content-Type": "application/json"]) { $1 })
    #expect(posted.status == 200, "\(posted.text)")
    #expect(posted.headers["X-Experience-API-Version"] as? String == "1.0.3")
    let ids = try #require(try JSONSerialization.jsonObject(with: Data(posted.text.utf8)) as? [String])
    #expect(ids == statements.map { $0["id"] as? String ?? "" })
    #expect(try central.request("POST", "/api/v1/xapi/statements", body: Data(exported.stdout.utf8),
                                headers: admin.merging(xapiHeaders) { $1 }).status == 200)
    let all = try central.request("GET", "/api/v1/xapi/statements?limit=500", headers: admin.merging(xapiHeaders) { $1 })
    #expect((all.json["statements"] as? [Any])?.count == statements.count && all.json["more"] as? String == "", "\(all.text.prefix(300))")
    // One statement by id, with what the store added; a changed statement under a stored id is refused.
    let one = try central.request("GET", "/api/v1/xapi/statements?statementId=\(ids[0])", headers: admin.merging(xapiHeaders) { $1 })
    #expect(one.status == 200 && one.json["stored"] is String && (one.json["authority"] as? [String: Any])?["name"] as? String == "admin")
    var changed = statements[0]
    changed["timestamp"] = "2020-01-01T00:00:00Z"
    let conflict = try central.request("POST", "/api/v1/xapi/statements", json: changed, headers: admin.merging(xapiHeaders) { $1 })
    #expect(conflict.status == 409, "\(conflict.text)")
    // Filters: the learner's answers, then a page of two with a link to the next.
    let agent = #"{"account":{"homePage":"https://kiosk3.example/","name":"ines"}}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    let answered = try central.request("GET", "/api/v1/xapi/statements?verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fanswered&agent=\(agent)",
                                       headers: admin.merging(xapiHeaders) { $1 })
    #expect((answered.json["statements"] as? [Any])?.count == answers.count, "\(answered.text.prefix(300))")
    let page = try central.request("GET", "/api/v1/xapi/statements?limit=2&ascending=true", headers: admin.merging(xapiHeaders) { $1 })
    let more = try #require(page.json["more"] as? String)
    #expect((page.json["statements"] as? [[String: Any]])?.first?["id"] as? String == ids[0] && more.contains("offset=2"), "\(more)")
    #expect((try central.request("GET", more, headers: admin.merging(xapiHeaders) { $1 }).json["statements"] as? [[String: Any]])?.first?["id"] as? String == ids[2])

    // Refused: no version header, a learner's token, and statements that break the rules, each named.
    #expect(try central.request("GET", "/api/v1/xapi/statements", headers: admin).status == 400)
    let student = ["Authorization": "Bearer \(try #require(try registerAndLogin(central, "pupil")["access_token"] as? String))"]
    #expect(try central.request("GET", "/api/v1/xapi/statements", headers: student.merging(xapiHeaders) { $1 }).status == 403)
    let actor: [String: Any] = ["mbox": "mailto:ana@example.org"]
    let verb: [String: Any] = ["id": "http://adlnet.gov/expapi/verbs/completed"]
    let object: [String: Any] = ["id": "https://example.org/activity"]
    for (bad, place) in [
        (["actor": ["mbox": "mailto:ana@example.org", "account": ["homePage": "https://x.example/", "name": "ana"]], "verb": verb, "object": object], "statement.actor"),
        (["actor": actor, "verb": ["id": "completed"], "object": object], "statement.verb.id"),
        (["actor": actor, "verb": verb, "object": object, "result": ["duration": "90 seconds"]], "statement.result.duration"),
        (["actor": actor, "verb": verb, "object": object, "result": ["score": ["scaled": 2]]], "statement.result.score.scaled"),
        (["actor": actor, "verb": verb, "object": object, "timestamp": "yesterday"], "statement.timestamp"),
        (["actor": actor, "verb": verb, "object": object, "id": "not-a-uuid"], "statement.id"),
        (["actor": actor, "verb": verb], "statement.object"),
    ] as [([String: Any], String)] {
        let refused = try central.request("POST", "/api/v1/xapi/statements", json: bad, headers: admin.merging(xapiHeaders) { $1 })
        #expect(refused.status == 422 && (refused.json["detail"] as? String)?.hasPrefix(place) == true, "\(place): \(refused.text)")
    }
    // A statement another tool sends without an id gets one; PUT stores one under the id given.
    let fresh = try central.request("POST", "/api/v1/xapi/statements", json: ["actor": actor, "verb": verb, "object": object], headers: admin.merging(xapiHeaders) { $1 })
    #expect(fresh.status == 200 && fresh.text.count == 40, "\(fresh.text)")
    let putID = "0f8fad5b-d9cb-469f-a165-70867728950e"
    #expect(try central.request("PUT", "/api/v1/xapi/statements?statementId=\(putID)", json: ["actor": actor, "verb": verb, "object": object],
                                headers: admin.merging(xapiHeaders) { $1 }).status == 204)
    #expect(try central.request("GET", "/api/v1/xapi/statements?statementId=\(putID)", headers: admin.merging(xapiHeaders) { $1 }).status == 200)
}

@Test(arguments: StoreKind.tested) func aKioskForwardsItsStatementsOnceTheCentralServerIsUp(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let centralPort = try freePort()
    let data = try TemporaryCourse(["credentials": "admin:\(studentPassword)\n"], name: "kiosk")
    let kioskDB = try #require(try TestPostgres.location(store, in: data.url, name: "kiosk"))
    let log = data.url.appendingPathComponent("kiosk.log")
    // The central server is not there yet: the kiosk keeps what it cannot send.
    let kiosk = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", kioskDB,
                                    "--public-url", "http://kiosk7.example/", "--lrs", "http://127.0.0.1:\(centralPort)/api/v1/xapi/",
                                    "--lrs-credentials", data.url.appendingPathComponent("credentials").path], standardError: log)
    let learner = ["Authorization": "Bearer \(try #require(try registerAndLogin(kiosk, "ines")["access_token"] as? String))"]
    #expect(try kiosk.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: learner).status == 201)
    for lesson in course.lessons.prefix(3) {
        #expect(try kiosk.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: learner).status == 200)
    }
    let quiz = course.quizzes[0]
    let attempt = try #require(try kiosk.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: learner).json["id"] as? Int)
    let answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
    #expect(try kiosk.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: learner).status == 200)
    let deadline = Date().addingTimeInterval(30)
    var text = ""
    while Date() < deadline, !text.contains("cannot forward statements") {
        Thread.sleep(forTimeInterval: 0.2)
        text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
    #expect(text.contains("trying again in") && text.contains("nothing is lost"), "\(text)")

    // The central server comes up: every statement arrives, once, the same as the kiosk's export.
    let centralData = try TemporaryCourse(["keep": ""], name: "central")
    let centralDB = try #require(try TestPostgres.location(store, in: centralData.url, name: "central"))
    try addUser(centralDB, email: "admin@example.org", username: "admin", role: "admin")
    let central = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", String(centralPort), "--db", centralDB])
    let expected = try #require(try JSONSerialization.jsonObject(with: Data(try runLectern(
        "export", "xapi", "--db", kioskDB, "--home-page", "http://kiosk7.example/").stdout.utf8)) as? [[String: Any]])
    #expect(expected.count == 3 + 2 + answers.count)
    let admin = ["Authorization": "Bearer \(try token(central, "admin"))", "X-Experience-API-Version": "1.0.3"]
    var stored: [[String: Any]] = []
    let arrival = Date().addingTimeInterval(90)
    while Date() < arrival, stored.count < expected.count {
        Thread.sleep(forTimeInterval: 0.5)
        stored = try central.request("GET", "/api/v1/xapi/statements?limit=500", headers: admin).json["statements"] as? [[String: Any]] ?? []
    }
    #expect(Set(stored.compactMap { $0["id"] as? String }) == Set(expected.compactMap { $0["id"] as? String }) && stored.count == expected.count,
            "\(stored.count) of \(expected.count)")
    // Signed in with HTTP Basic as the central's administrator: its authority.
    #expect(stored.allSatisfy { ($0["authority"] as? [String: Any])?["name"] as? String == "admin" })
    // Later records follow; nothing is sent twice.
    #expect(try kiosk.request("POST", "/api/v1/progress/lessons/\(course.lessons[3].id)/complete", headers: learner).status == 200)
    let later = Date().addingTimeInterval(30)
    while Date() < later, stored.count < expected.count + 1 {
        Thread.sleep(forTimeInterval: 0.5)
        stored = try central.request("GET", "/api/v1/xapi/statements?limit=500", headers: admin).json["statements"] as? [[String: Any]] ?? []
    }
    #expect(stored.count == expected.count + 1)
    #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("takes statements again"))
    // The kiosk's administrators see the queue emptied.
    try addUser(kioskDB, email: "root@example.org", username: "root", role: "admin")
    let outbox = try kiosk.request("GET", "/api/v1/admin/xapi-outbox", headers: ["Authorization": "Bearer \(try token(kiosk, "root"))"]).json
    #expect(outbox["pending"] as? Int == 0 && outbox["sent"] as? Int == expected.count + 1 && outbox["last_sent_at"] is String, "\(outbox)")
    // A wrong password is refused, and counted like a wrong sign-in.
    // (Over a socket: URLSession on Linux stalls on a 401 that asks for Basic credentials.)
    let wrong = try rawHTTP(port: central.port, "GET /api/v1/xapi/statements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                            + Data("admin:not the password".utf8).base64EncodedString() + "\r\nX-Experience-API-Version: 1.0.3\r\nConnection: close\r\n\r\n")
    #expect(wrong.hasPrefix("HTTP/1.1 401") && wrong.contains("WWW-Authenticate: Basic"), "\(wrong)")
    // Checked as the sign-in form checks: after five wrong passwords from this address the account is locked.
    var last = wrong
    for _ in 0..<5 {
        last = try rawHTTP(port: central.port, "GET /api/v1/xapi/statements HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                           + Data("admin:not the password".utf8).base64EncodedString() + "\r\nX-Experience-API-Version: 1.0.3\r\nConnection: close\r\n\r\n")
    }
    #expect(last.hasPrefix("HTTP/1.1 423"), "\(last)")
}

/// Assignments leave as xAPI too: a hand-in (marked late when it was) as "submit", its grade as "scored"
/// with the points against the assignment's, both accepted by a Lectern record store.
@Test(arguments: StoreKind.tested) func handInsAndTheirGradesBecomeStatements(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("digital-literacy")).course
    let assignment = try #require(course.assignments.first)
    let data = try TemporaryCourse(["keep": ""], name: "kiosk")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "kiosk"))
    try addUser(database, email: "marisol.reyes@example.org", username: "marisol", role: "instructor")
    try addUser(database, email: "admin@example.org", username: "admin", role: "admin")
    let kiosk = try LecternProcess(["serve", sampleCourse("digital-literacy").path, "--port", "0", "--db", database])
    let learner = ["Authorization": "Bearer \(try #require(try registerAndLogin(kiosk, "noor")["access_token"] as? String))"]
    #expect(try kiosk.request("POST", "/api/v1/enrollments", json: ["course": "digital-literacy"], headers: learner).status == 201)
    let handed = try kiosk.request("PUT", "/api/v1/courses/digital-literacy/assignments/\(assignment.id)/submission",
                                   json: ["text": "bbc.co.uk, by the BBC: news, recent, other sources agree."], headers: learner)
    #expect(handed.status == 200 || handed.status == 201, "\(handed.text)")
    let submission = try #require(handed.json["id"] as? Int)
    let teacher = ["Authorization": "Bearer \(try token(kiosk, "marisol"))"]
    #expect(try kiosk.request("PUT", "/api/v1/submissions/\(submission)/grade", json: ["points": 8, "feedback": "Good questions."], headers: teacher).status == 200)

    let exported = try runLectern("export", "xapi", sampleCourse("digital-literacy").path, "--db", database, "--home-page", "https://kiosk4.example/")
    #expect(exported.exitCode == 0, "\(exported.stderr)")
    let statements = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [[String: Any]])
    let activity = "https://kiosk4.example/xapi/activities/digital-literacy/" + assignment.id
    let about = statements.filter { ($0["object"] as? [String: Any])?["id"] as? String == activity }
    #expect(about.map { ($0["verb"] as? [String: Any])?["id"] as? String } == ["http://activitystrea.ms/schema/1.0/submit", "http://adlnet.gov/expapi/verbs/scored"],
            "\(about)")
    let score = ((about.last?["result"] as? [String: Any])?["score"] as? [String: Double]) ?? [:]
    #expect(score == ["raw": 8, "min": 0, "max": Double(assignment.points), "scaled": 8 / Double(assignment.points)], "\(score)")
    #expect(((about.first?["object"] as? [String: Any])?["definition"] as? [String: Any])?["name"] as? [String: String] == ["en": assignment.title])

    let admin = ["Authorization": "Bearer \(try token(kiosk, "admin"))"]
    let posted = try kiosk.request("POST", "/api/v1/xapi/statements", body: Data(exported.stdout.utf8),
                                   headers: admin.merging(xapiHeaders) { $1 }.merging(["Content-Type": "application/json"]) { $1 })
    #expect(posted.status == 200, "\(posted.text)")
}
