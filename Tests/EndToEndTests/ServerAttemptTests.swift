// Server-graded attempts that survive reloads and kiosks: the API (resume, saved answers, time running
// out while away, feedback after grading, extra attempts) and the served site in headless Chromium.
import Foundation
import LecternTesting
import SQLite
import Testing

/// The attempts course served with its instructor, an admin and an enrolled learner; the learner's headers.
private func serveAttempts(showAnswers: String) throws -> (LecternProcess, TemporaryCourse, TemporaryCourse, [String: String]) {
    let course = try TemporaryCourse([
        "course.yaml": "title: Attempts\nslug: attempts\ninstructors:\n  - {name: Tess Teacher, email: tess@example.org}\n",
        "01-m/01-read.md": "# Read\n\nSome text.\n",
        "01-m/02-timed.quiz.yaml": """
        title: Timed
        time_limit_minutes: 10
        max_attempts: 1
        show_answers: \(showAnswers)
        questions:
          - {id: pick, type: single, prompt: Pick A, explanation: "Because **A** is first.",
             choices: [{id: a, text: A, correct: true}, {id: b, text: B, feedback: "B is *second*."}]}
          - {id: num, type: numeric, prompt: Two, answer: 2, tolerance: 0.5}
        """,
    ])
    let (server, data) = try startServer(course.url, staff: [("tess", "tess@example.org", "instructor"), adminAccount])
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "lee")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "attempts"], headers: auth).status == 201)
    return (server, course, data, auth)
}

@Test func openAttemptsResumeTimeOutOnSavedAnswersAndStaffGrantMore() throws {
    let (server, _, data, auth) = try serveAttempts(showAnswers: "after_last_attempt")
    let attempts = "/api/v1/quizzes/m.timed/attempts"
    let started = try server.request("POST", attempts, headers: auth)
    #expect(started.status == 201)
    let id = try #require(started.json["id"] as? Int)
    // Answers saved while open come back with the attempt, wherever the learner resumes it.
    let saved = try server.request("PUT", "/api/v1/attempts/\(id)/answers",
                                   json: ["answers": [["question_id": "pick", "answer": "a"], ["question_id": "num", "answer": "2,4"]]], headers: auth)
    #expect(saved.status == 204)
    #expect(try server.request("PUT", "/api/v1/attempts/\(id)/answers", json: ["answers": [["question_id": "nope", "answer": "a"]]],
                               headers: auth).status == 422)
    let listing = try server.request("GET", attempts, headers: auth)
    let open = try #require(listing.json["open"] as? [String: Any])
    #expect(open["id"] as? Int == id && open["resumed"] as? Bool == true)
    #expect((open["answers"] as? [[String: Any]])?.compactMap { $0["answer"] as? String } == ["a", "2,4"])
    #expect(listing.json["allowed"] as? Int == 1 && listing.json["left"] as? Int == 0)

    // Time runs out while the learner is away: on return the saved answers are graded, dated at the deadline.
    let database = try Connection(path: data.url.appendingPathComponent("lectern.db").path)
    try database.prepare("UPDATE attempt SET deadline = started_at - 60 WHERE id = ?").run([.integer(Int64(id))])
    #expect(try server.request("PUT", "/api/v1/attempts/\(id)/answers", json: ["answers": [Any]()], headers: auth).status == 409)
    let after = try server.request("GET", attempts, headers: auth)
    #expect(after.json["open"] == nil && after.json["left"] as? Int == 0)
    let graded = try #require((after.json["attempts"] as? [[String: Any]])?.first)
    #expect(graded["score"] as? Double == 100 && graded["passed"] as? Bool == true)
    #expect(try server.request("POST", attempts, headers: auth).status == 403)

    // The course's instructor grants one more attempt (logged); another learner's instructor may not.
    let teacher = ["Authorization": "Bearer \(try token(server, "tess"))"]
    let learnerID = try #require(try server.request("GET", "/api/v1/users/me", headers: auth).json["id"] as? Int)
    let grant = "/api/v1/courses/attempts/quizzes/m.timed/extra-attempts"
    #expect(try server.request("POST", grant, json: ["user_id": learnerID], headers: auth).status == 403)
    let granted = try server.request("POST", grant, json: ["user_id": learnerID], headers: teacher)
    #expect(granted.status == 200 && granted.json["extra_attempts"] as? Int == 1 && granted.json["left"] as? Int == 1)
    #expect(try server.request("POST", grant, json: ["user_id": learnerID, "count": 0], headers: teacher).status == 422)
    let second = try server.request("POST", attempts, headers: auth)
    #expect(second.status == 201)
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    // The same from a terminal, on the server's database.
    let cli = try runLectern("users", "grant-attempt", "lee", "attempts", "m.timed", "--count", "2",
                             "--db", data.url.appendingPathComponent("lectern.db").path)
    #expect(cli.exitCode == 0 && cli.stdout == "lee has 3 extra attempts at m.timed\n", "\(cli.stdout)\(cli.stderr)")
    #expect(try runLectern("users", "grant-attempt", "lee", "attempts", "m.timed", "--count", "0").exitCode == 64)
    let log = try server.request("GET", "/api/v1/activity-log?type=attempt.granted", headers: admin)
    #expect(log.text.contains("m.timed +1") && log.text.contains("m.timed +2 (command line)"), "\(log.text)")

    // Graded with feedback: explanation and the picked choice's feedback, as HTML; the right answer
    // only now that no attempt is left (after_last_attempt).
    let secondID = try #require(second.json["id"] as? Int)
    var result = try server.request("POST", "/api/v1/attempts/\(secondID)/submit",
                                    json: ["answers": [["question_id": "pick", "answer": "b"], ["question_id": "num", "answer": "−3"]]], headers: auth)
    #expect(result.status == 200 && result.json["attempts_left"] as? Int == 2 && result.json["answers_shown"] as? Bool == false)
    #expect((result.json["results"] as? [[String: Any]])?.allSatisfy { $0["right_answer"] == nil } == true)
    // The last attempt shows the right answers (after_last_attempt).
    for _ in 0..<2 {
        let next = try #require(try server.request("POST", attempts, headers: auth).json["id"] as? Int)
        let last = try server.request("POST", "/api/v1/attempts/\(next)/submit",
                                      json: ["answers": [["question_id": "pick", "answer": "b"], ["question_id": "num", "answer": "−3"]]], headers: auth)
        if last.json["attempts_left"] as? Int == 0 { #expect(last.json["answers_shown"] as? Bool == true); result = last }
    }
    #expect(result.json["attempts_left"] as? Int == 0 && result.json["answers_shown"] as? Bool == true)
    let results = try #require(result.json["results"] as? [[String: Any]])
    #expect(results[0]["explanation"] as? String == "<p>Because <strong>A</strong> is first.</p>\n")
    #expect(results[0]["choice_feedback"] as? [String] == ["<p>B is <em>second</em>.</p>\n"])
    #expect((results[0]["right_answer"] as? [String: Any])?["choices"] as? [String] == ["a"])
    #expect((results[1]["right_answer"] as? [String: Any])?["value"] as? Double == 2)
}

@Test func aServedQuizResumesAfterAReloadAndAtAnotherKioskThenShowsTheServersFeedback() throws {
    let (server, _, _, auth) = try serveAttempts(showAnswers: "always")
    let base = "http://127.0.0.1:\(server.port)"
    let kiosk = try Browser()
    try signIn(kiosk, base, "lee")
    try kiosk.open(URL(string: "\(base)/attempts/m/timed.html")!)
    try kiosk.wait(until: "!document.querySelector('.quiz-start').hidden", timeout: 10)
    try kiosk.click(".quiz-start")
    try kiosk.wait(until: "!document.querySelector('.questions').hidden && !document.querySelector('.quiz-timer').hidden", timeout: 10)
    try kiosk.execute("document.getElementById('q-pick-b').scrollIntoView({block: 'center'})")
    try kiosk.click("#q-pick-b")
    // Saved on the server shortly after the answer.
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline, !(try server.request("GET", "/api/v1/quizzes/m.timed/attempts", headers: auth).text.contains("\"answer\":\"b\"")) {
        Thread.sleep(forTimeInterval: 0.1)
    }
    try kiosk.reload()
    try kiosk.wait(until: "document.getElementById('q-pick-b').checked && !document.querySelector('.quiz-timer').hidden", timeout: 10)
    #expect(try kiosk.text(".quiz-result").contains("Your attempt was saved"))

    // Another kiosk, the same learner: the same attempt, the same answer; the reloads used no attempt.
    let other = try Browser()
    try signIn(other, base, "lee")
    try other.open(URL(string: "\(base)/attempts/m/timed.html")!)
    try other.wait(until: "document.getElementById('q-pick-b').checked", timeout: 10)
    let listing = try server.request("GET", "/api/v1/quizzes/m.timed/attempts", headers: auth)
    #expect((listing.json["attempts"] as? [Any])?.count == 1)
    // Enter in the typed answer does not submit on the served site either.
    try other.type("2\u{E007}", into: "#q-num-answer")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try other.execute("return document.querySelector('.quiz-result .quiz-score') === null") as? Bool == true)
    try other.execute("document.querySelector('.quiz-submit').scrollIntoView({block: 'center'})")
    try other.click(".quiz-submit")
    try other.wait(until: "document.querySelector('.quiz-result .quiz-score')", timeout: 10)
    #expect(try other.text(".quiz-result").contains("50"))
    #expect(try other.text("#feedback-pick").contains("B is second."))
    #expect(try other.text("#feedback-pick").contains("Because A is first."))
    #expect(try other.text("#feedback-pick").contains("The right answer: A"))
    #expect(try other.execute("return document.querySelector('.quiz-timer').hidden") as? Bool == true)
}
