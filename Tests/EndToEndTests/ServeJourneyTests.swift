// A learner's whole journey and every route's permission rules, over HTTP with a real database.
import CourseModel
import Foundation
import LecternTesting
import Testing

/// Accounts made with `lectern users add` before the server starts, as an admin sets up a classroom.
func addUser(_ database: URL, email: String, username: String, role: String) throws {
    try addUser(database.path, email: email, username: username, role: role)
}

/// An account made with `lectern users add` in an SQLite file or a PostgreSQL database.
func addUser(_ database: String, email: String, username: String, role: String) throws {
    let process = Process()
    process.executableURL = lecternExecutable
    process.arguments = ["users", "add", "--db", database, "--email", email, "--username", username, "--role", role]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data((studentPassword + "\n").utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
}

func token(_ server: LecternProcess, _ login: String) throws -> String {
    try #require(try server.request("POST", "/api/v1/auth/login", json: ["login": login, "password": studentPassword]).json["access_token"] as? String)
}

@Test(arguments: StoreKind.tested) func learnerJourneyThroughTheAPI(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let access = try #require(try registerAndLogin(server, "maria")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]

    let list = try server.request("GET", "/api/v1/courses?search=python&page_size=5")
    #expect(list.json["total"] as? Int == 1 && list.json["page_size"] as? Int == 5 && list.json["pages"] as? Int == 1)
    #expect(try server.request("GET", "/api/v1/courses?page_size=101").status == 422)
    let detail = try server.request("GET", "/api/v1/courses/python-foundations")
    #expect((detail.json["modules"] as? [[String: Any]])?.count == course.modules.count)
    // The detail has every field of the summary (docs/api.md).
    #expect(detail.json["lesson_count"] as? Int == course.lessons.count && detail.json["quiz_count"] as? Int == course.quizzes.count)
    let summary = try #require((list.json["items"] as? [[String: Any]])?.first)
    #expect(Set(summary.keys).isSubset(of: Set(detail.json.keys)), "\(Set(summary.keys).subtracting(detail.json.keys))")

    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 409)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "nope"], headers: auth).status == 404)

    for lesson in course.lessons {
        let done = try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: auth)
        #expect(done.status == 200, "\(done.text)")
    }
    #expect(try server.request("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete", headers: auth).status == 200)
    #expect(try server.request("PUT", "/api/v1/progress/courses/python-foundations/bookmark", json: ["href": "control-flow/for-loops.html"],
                               headers: auth).status == 200)

    // Quizzes come without answers; the server grades what comes back.
    let quiz = course.quizzes[0]
    let published = try server.request("GET", "/api/v1/quizzes/\(quiz.id)")
    #expect(published.status == 200)
    let questions = try #require(published.json["questions"] as? [[String: Any]])
    for question in questions {
        #expect(Set(question.keys).isDisjoint(with: ["correct", "answer", "answers", "feedback", "explanation", "tolerance"]))
        for choice in question["choices"] as? [[String: Any]] ?? [] { #expect(Set(choice.keys) == ["id", "text"]) }
    }
    let attempt = try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth)
    #expect(attempt.status == 201)
    let attemptID = try #require(attempt.json["id"] as? Int)
    // The order of choices is fixed per attempt: the same on every read, a permutation of the quiz's choices.
    let order = try #require(attempt.json["choice_order"] as? [String: [String]])
    #expect(try server.request("GET", "/api/v1/attempts/\(attemptID)", headers: auth).json["choice_order"] as? [String: [String]] == order)
    for question in quiz.questions where !question.choices.isEmpty {
        #expect(Set(order[question.id] ?? []) == Set(question.choices.map(\.id)))
    }
    let answers: [[String: Any]] = quiz.questions.map { question in
        let answer: Any
        switch question.answer {
        case .single(let choices): answer = choices.first { $0.isCorrect }!.id
        case .multiple(let choices): answer = choices.filter(\.isCorrect).map(\.id)
        case .trueFalse(let value): answer = value
        case .short(let accepted, _, _): answer = accepted[0]
        case .numeric(let value, _): answer = value
        }
        return ["question_id": question.id, "answer": answer]
    }
    let graded = try server.request("POST", "/api/v1/attempts/\(attemptID)/submit", json: ["answers": answers], headers: auth)
    #expect(graded.status == 200 && graded.json["score"] as? Double == 100 && graded.json["passed"] as? Bool == true, "\(graded.text)")
    #expect(try server.request("POST", "/api/v1/attempts/\(attemptID)/submit", json: ["answers": answers], headers: auth).status == 409)

    let progress = try server.request("GET", "/api/v1/progress/courses/python-foundations", headers: auth)
    #expect((progress.json["completed_lessons"] as? [String])?.count == course.lessons.count)
    #expect((progress.json["quiz_scores"] as? [String: Double])?[quiz.id] == 100)
    #expect(progress.json["bookmark"] as? String == "control-flow/for-loops.html")
    let expected = (Double(course.lessons.count + 1) / Double(course.lessons.count + course.quizzes.count) * 1000).rounded() / 10
    #expect(progress.json["percentage"] as? Double == expected)
    let mine = try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth)
    #expect(mine.text.contains("\"percentage\":\(expected)"))
}

@Test(arguments: StoreKind.tested) func timedQuizzesAndAttemptLimits(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let limited = try #require(course.quizzes.first { $0.maxAttempts != nil })
    let access = try #require(try registerAndLogin(server, "tim")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]
    #expect(try server.request("POST", "/api/v1/quizzes/\(limited.id)/attempts", headers: auth).status == 403)  // not enrolled
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    for _ in 0..<(limited.maxAttempts ?? 0) {
        let attempt = try server.request("POST", "/api/v1/quizzes/\(limited.id)/attempts", headers: auth)
        #expect(attempt.status == 201 && attempt.json["resumed"] as? Bool == false)
        if limited.timeLimitMinutes != nil { #expect(attempt.json["deadline"] as? String != nil) }
        // Starting again (a reload, another kiosk) hands back the open attempt: no attempt is used up.
        let again = try server.request("POST", "/api/v1/quizzes/\(limited.id)/attempts", headers: auth)
        #expect(again.status == 200 && again.json["resumed"] as? Bool == true && again.json["id"] as? Int == attempt.json["id"] as? Int)
        let id = try #require(attempt.json["id"] as? Int)
        #expect(try server.request("POST", "/api/v1/attempts/\(id)/submit", json: ["answers": [Any]()], headers: auth).status == 200)
    }
    let refused = try server.request("POST", "/api/v1/quizzes/\(limited.id)/attempts", headers: auth)
    #expect(refused.status == 403 && (refused.json["detail"] as? String)?.hasPrefix("no attempts left") == true)
}

@Test(arguments: StoreKind.tested) func everyRouteChecksRoleAndOwnership(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.first?.email)
    // Every row is asked as six accounts from one address: more requests than the default per-minute limits allow.
    let (server, _) = try startServer(store: store, staff: [("teacher", instructorEmail, "instructor"),
                                                  ("otherteacher", "other.teacher@example.org", "instructor"), adminAccount],
                                      options: ["--rate-limit", "5000", "--account-rate-limit", "5000"])
    try registerAndLogin(server, "student")
    try registerAndLogin(server, "otherstudent")
    var headers: [String: [String: String]] = ["anonymous": [:]]
    for login in ["student", "otherstudent", "teacher", "otherteacher", "admin"] {
        headers[login] = ["Authorization": "Bearer \(try token(server, login))"]
    }
    let enrollment = try #require(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"],
                                                    headers: headers["student"]!).json["id"] as? Int)
    let otherEnrollment = try #require(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"],
                                                         headers: headers["otherstudent"]!).json["id"] as? Int)
    let quiz = course.quizzes[0].id, lesson = course.lessons[0].id
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz)/attempts", headers: headers["student"]!).json["id"] as? Int)
    let review = try #require(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 5, "comment": "Clear"],
                                                headers: headers["student"]!).json["id"] as? Int)
    let studentID = try #require(try server.request("GET", "/api/v1/users/me", headers: headers["student"]!).json["id"] as? Int)
    let otherTeacherID = try #require(try server.request("GET", "/api/v1/users/me", headers: headers["otherteacher"]!).json["id"] as? Int)
    let leaverID = try #require((try registerAndLogin(server, "leaver")["user"] as? [String: Any])?["id"] as? Int)
    let otherStudentID = try #require(try server.request("GET", "/api/v1/users/me", headers: headers["otherstudent"]!).json["id"] as? Int)
    // A class the course's instructor made, so teaches; the other instructor does not.
    let classID = try #require(try server.request("POST", "/api/v1/classes", json: ["name": "Rows"], headers: headers["teacher"]!).json["id"] as? Int)

    let roles = ["anonymous", "student", "otherstudent", "teacher", "otherteacher", "admin"]
    // method, path, body, expected status for each role in `roles` order.
    let table: [(String, String, [String: Any]?, [Int])] = [
        ("GET", "/api/v1/health", nil, [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/courses", nil, [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/courses/python-foundations", nil, [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/courses/python-foundations/students", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/users/me", nil, [401, 200, 200, 200, 200, 200]),
        ("PATCH", "/api/v1/users/me", ["name": "New Name"], [401, 200, 200, 200, 200, 200]),
        ("PATCH", "/api/v1/users/me", ["email": "someone.else@example.org"], [401, 200, 409, 403, 403, 403]),
        ("POST", "/api/v1/enrollments", ["course": "python-foundations"], [401, 409, 409, 403, 403, 403]),
        ("GET", "/api/v1/enrollments", nil, [401, 403, 403, 200, 200, 200]),
        ("GET", "/api/v1/enrollments/my-courses", nil, [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/enrollments/\(enrollment)", nil, [401, 200, 403, 403, 403, 200]),
        ("POST", "/api/v1/progress/lessons/\(lesson)/complete", nil, [401, 200, 200, 403, 403, 403]),
        ("GET", "/api/v1/progress/courses/python-foundations", nil, [401, 200, 200, 403, 403, 403]),
        ("PUT", "/api/v1/progress/courses/python-foundations/bookmark", ["href": "index.html"], [401, 200, 200, 403, 403, 403]),
        ("GET", "/api/v1/quizzes/\(quiz)", nil, [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/attempts/\(attempt)", nil, [401, 200, 403, 403, 403, 200]),
        ("POST", "/api/v1/attempts/\(attempt)/submit", ["answers": []], [401, 200, 403, 403, 403, 403]),
        ("GET", "/api/v1/reviews?course=python-foundations", nil, [200, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/reviews/\(review)", nil, [200, 200, 200, 200, 200, 200]),
        ("POST", "/api/v1/reviews", ["course": "python-foundations", "rating": 4], [401, 409, 201, 403, 403, 403]),
        ("PATCH", "/api/v1/reviews/\(review)", ["rating": 4], [401, 200, 403, 403, 403, 403]),
        ("POST", "/api/v1/courses/python-foundations/grades/\(studentID)", ["grade": "A", "feedback": "Well done"], [401, 403, 403, 200, 403, 403]),
        ("GET", "/api/v1/courses/python-foundations/grades", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/courses/python-foundations/grades?student_id=\(studentID)", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/courses/python-foundations/gradebook", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/notifications", nil, [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/notifications/unread-count", nil, [401, 200, 200, 200, 200, 200]),
        ("POST", "/api/v1/notifications/read-all", nil, [401, 200, 200, 200, 200, 200]),
        ("POST", "/api/v1/notifications/999999/read", nil, [401, 404, 404, 404, 404, 404]),
        ("POST", "/api/v1/courses/python-foundations/announcements", ["title": "Rows", "body": ""], [401, 403, 403, 201, 403, 201]),
        ("GET", "/api/v1/courses/python-foundations/announcements", nil, [401, 200, 200, 200, 403, 200]),
        ("DELETE", "/api/v1/courses/python-foundations/announcements/999999", nil, [401, 403, 403, 404, 403, 404]),
        ("GET", "/api/v1/courses/python-foundations/gradebook?format=csv", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/courses/no-such-course/gradebook", nil, [401, 403, 403, 404, 404, 404]),
        ("GET", "/api/v1/certificates?user=student", nil, [401, 403, 403, 403, 403, 200]),
        ("DELETE", "/api/v1/reviews/\(review)", nil, [401, 204, 404, 404, 404, 404]),
        ("GET", "/api/v1/certificates/my-certificates", nil, [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/users?search=teacher", nil, [401, 403, 403, 403, 403, 200]),
        ("PATCH", "/api/v1/users/\(otherTeacherID)", ["approved": true], [401, 403, 403, 403, 403, 200]),
        ("GET", "/api/v1/activity-log?type=login", nil, [401, 403, 403, 403, 403, 200]),
        ("POST", "/api/v1/auth/cookie", nil, [401, 204, 204, 204, 204, 204]),
        ("POST", "/api/v1/classes/999/sign-in-cards", nil, [401, 403, 403, 404, 404, 404]),
        ("GET", "/api/v1/admin/reload", nil, [401, 403, 403, 403, 403, 200]),
        ("POST", "/api/v1/admin/reload", nil, [401, 403, 403, 403, 403, 202]),
        ("GET", "/api/v1/admin/orphans", nil, [401, 403, 403, 403, 403, 200]),
        ("GET", "/api/v1/admin/xapi-outbox", nil, [401, 403, 403, 403, 403, 200]),
        // The admin passes the role check, then is asked for the X-Experience-API-Version header.
        ("GET", "/api/v1/xapi/statements", nil, [401, 403, 403, 403, 403, 400]),
        ("GET", "/api/v1/analytics/student", nil, [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/analytics/student?format=csv", nil, [401, 200, 200, 200, 200, 200]),
        ("GET", "/api/v1/analytics/courses", nil, [401, 403, 403, 200, 200, 200]),
        ("GET", "/api/v1/analytics/courses/python-foundations", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/analytics/courses/python-foundations?format=csv&table=questions", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/analytics/courses/no-such-course", nil, [401, 403, 403, 404, 404, 404]),
        ("GET", "/api/v1/analytics/system", nil, [401, 403, 403, 403, 403, 200]),
        ("GET", "/api/v1/analytics/system?format=csv", nil, [401, 403, 403, 403, 403, 200]),
        ("GET", "/api/v1/openapi.json", nil, [200, 200, 200, 200, 200, 200]),
        ("POST", "/api/v1/users/\(leaverID)/password", ["new_password": "sturdy violet anchor"], [401, 403, 403, 403, 403, 204]),
        ("POST", "/api/v1/users/\(leaverID)/password", [String: Any](), [401, 403, 403, 403, 403, 200]),
        ("POST", "/api/v1/admin/sign-in-cards", ["user_ids": [leaverID]], [401, 403, 403, 403, 403, 200]),
        ("DELETE", "/api/v1/users/\(leaverID)", nil, [401, 403, 403, 403, 403, 204]),
        ("GET", "/api/v1/certificates/verify/no-such-code", nil, [404, 404, 404, 404, 404, 404]),
        ("GET", "/api/v1/certificates/999/download", nil, [401, 404, 404, 404, 404, 404]),
        ("POST", "/api/v1/certificates/999/revoke", nil, [401, 403, 403, 403, 403, 404]),
        ("DELETE", "/api/v1/enrollments/\(otherEnrollment)", nil, [401, 403, 204, 404, 404, 404]),
        ("GET", "/api/v1/classes", nil, [401, 403, 403, 200, 200, 200]),
        ("POST", "/api/v1/classes", ["name": "New class"], [401, 403, 403, 201, 409, 409]),
        ("GET", "/api/v1/classes/\(classID)", nil, [401, 403, 403, 200, 403, 200]),
        ("PATCH", "/api/v1/classes/\(classID)", ["name": "Renamed"], [401, 403, 403, 200, 403, 200]),
        ("POST", "/api/v1/classes/\(classID)/members", ["user_id": studentID], [401, 403, 403, 201, 403, 200]),
        ("POST", "/api/v1/classes/\(classID)/courses", ["course": "python-foundations"], [401, 403, 403, 200, 403, 200]),
        ("DELETE", "/api/v1/classes/\(classID)/courses/python-foundations", nil, [401, 403, 403, 204, 403, 404]),
        ("DELETE", "/api/v1/classes/\(classID)/members/\(studentID)", nil, [401, 403, 403, 204, 403, 404]),
        ("POST", "/api/v1/courses/python-foundations/enrollments", ["user_ids": [studentID]], [401, 403, 403, 200, 403, 200]),
        ("POST", "/api/v1/courses/python-foundations/enrollments", ["user_id": otherStudentID], [401, 403, 403, 201, 403, 200]),
        ("POST", "/api/v1/courses/python-foundations/enrollments", ["class_id": classID], [401, 403, 403, 200, 403, 200]),
        ("DELETE", "/api/v1/courses/python-foundations/enrollments/\(otherStudentID)", nil, [401, 403, 403, 204, 403, 404]),
        ("POST", "/api/v1/classes/\(classID)/instructors", ["user_id": otherTeacherID], [401, 403, 403, 403, 403, 201]),
        ("DELETE", "/api/v1/classes/\(classID)/instructors/\(otherTeacherID)", nil, [401, 403, 403, 403, 403, 204]),
    ]
    for (method, path, body, expected) in table {
        for (role, status) in zip(roles, expected) {
            let response = try server.request(method, path, json: body, headers: headers[role]!)
            #expect(response.status == status, "\(method) \(path) as \(role): \(response.status) \(response.text)")
        }
    }
    // Another student's review: not the student's to delete, the admin's.
    let reviews = try server.request("GET", "/api/v1/reviews?course=python-foundations").json["items"] as? [[String: Any]] ?? []
    let otherReview = try #require(reviews.first?["id"] as? Int)
    #expect(try server.request("DELETE", "/api/v1/reviews/\(otherReview)", headers: headers["student"]!).status == 403)
    #expect(try server.request("DELETE", "/api/v1/reviews/\(otherReview)", headers: headers["admin"]!).status == 204)
    // The student sees the grade in my-courses.
    let mine = try server.request("GET", "/api/v1/enrollments/my-courses", headers: headers["student"]!)
    #expect(mine.text.contains("\"grade\":\"A\"") && mine.text.contains("\"grade_feedback\":\"Well done\""))
    // The enrollment deleted above is gone; another student's enrollment is the admin's to remove.
    #expect(try server.request("DELETE", "/api/v1/enrollments/\(enrollment)", headers: headers["admin"]!).status == 204)
}

@Test(arguments: StoreKind.tested) func disabledUnapprovedAndDeletedAccountsLoseEveryPowerAtOnce(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.first?.email)
    let (server, _) = try startServer(store: store, staff: [("teacher", instructorEmail, "instructor"), ("otheradmin", "other.admin@example.org", "admin"),
                                              adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    for login in ["student", "leaver"] { try registerAndLogin(server, login) }
    // Each account signs in while it may, then loses its standing while its access token is still valid.
    var headers: [String: [String: String]] = [:], ids: [String: Int] = [:]
    for login in ["student", "otheradmin", "teacher", "leaver"] {
        headers[login] = ["Authorization": "Bearer \(try token(server, login))"]
        ids[login] = try #require(try server.request("GET", "/api/v1/users/me", headers: headers[login]!).json["id"] as? Int)
    }
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: headers["student"]!).status == 201)
    let review = try #require(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 5],
                                                headers: headers["student"]!).json["id"] as? Int)
    #expect(try server.request("PATCH", "/api/v1/users/\(ids["student"]!)", json: ["active": false], headers: admin).status == 200)
    #expect(try server.request("PATCH", "/api/v1/users/\(ids["otheradmin"]!)", json: ["active": false], headers: admin).status == 200)
    #expect(try server.request("PATCH", "/api/v1/users/\(ids["teacher"]!)", json: ["approved": false], headers: admin).status == 200)
    #expect(try server.request("DELETE", "/api/v1/users/\(ids["leaver"]!)", headers: admin).status == 204)

    let roles = ["student", "otheradmin", "teacher", "leaver"]
    let lesson = course.lessons[0].id
    // method, path, body, expected status for the disabled student, the disabled admin, the unapproved instructor and the deleted student.
    let table: [(String, String, [String: Any]?, [Int])] = [
        ("GET", "/api/v1/courses", nil, [200, 200, 200, 200]),
        ("GET", "/api/v1/users/me", nil, [403, 403, 403, 401]),
        ("PATCH", "/api/v1/users/me", ["name": "Still Here"], [403, 403, 403, 401]),
        ("POST", "/api/v1/enrollments", ["course": "python-foundations"], [403, 403, 403, 401]),
        ("GET", "/api/v1/enrollments", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/enrollments/my-courses", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/progress/lessons/\(lesson)/complete", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/courses/python-foundations/students", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/analytics/courses/python-foundations", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/courses/python-foundations/grades/\(ids["student"]!)", ["grade": "A"], [403, 403, 403, 401]),
        ("GET", "/api/v1/users", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/activity-log", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/admin/reload", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/auth/cookie", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/admin/orphans", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/admin/xapi-outbox", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/xapi/statements", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/analytics/system", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/certificates/999/revoke", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/courses/python-foundations/grades", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/courses/python-foundations/gradebook", nil, [403, 403, 403, 401]),
        ("GET", "/api/v1/certificates", nil, [403, 403, 403, 401]),
        ("DELETE", "/api/v1/reviews/\(review)", nil, [403, 403, 403, 401]),
        ("PATCH", "/api/v1/users/\(ids["teacher"]!)", ["approved": true], [403, 403, 403, 401]),
        ("GET", "/api/v1/classes", nil, [403, 403, 403, 401]),
        ("POST", "/api/v1/classes", ["name": "Closed"], [403, 403, 403, 401]),
        ("POST", "/api/v1/courses/python-foundations/enrollments", ["user_id": ids["student"]!], [403, 403, 403, 401]),
        ("DELETE", "/api/v1/courses/python-foundations/enrollments/\(ids["student"]!)", nil, [403, 403, 403, 401]),
    ]
    for (method, path, body, expected) in table {
        for (role, status) in zip(roles, expected) {
            let response = try server.request(method, path, json: body, headers: headers[role]!)
            #expect(response.status == status, "\(method) \(path) as \(role): \(response.status) \(response.text)")
        }
    }
    let disabled = try server.request("GET", "/api/v1/users/me", headers: headers["student"]!)
    #expect(disabled.json["detail"] as? String == "this account is disabled")
    // Given back its standing, the same token works again: nothing was cached.
    #expect(try server.request("PATCH", "/api/v1/users/\(ids["teacher"]!)", json: ["approved": true], headers: admin).status == 200)
    #expect(try server.request("GET", "/api/v1/courses/python-foundations/students", headers: headers["teacher"]!).status == 200)
}
