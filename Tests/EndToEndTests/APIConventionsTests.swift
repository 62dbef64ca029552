// The API's conventions, as clients written for the LMS APIs Lectern replaces expect them: sign-in by
// email or username, one pagination envelope on every list.
import CourseModel
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func signInTakesLoginEmailOrUsername(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    try registerAndLogin(server, "maria")
    for body in [["login": "maria"], ["login": "maria@example.org"], ["email": "maria@example.org"], ["username": "maria"],
                 ["username": "MARIA"]] {
        let answer = try server.request("POST", "/api/v1/auth/login", json: body.merging(["password": studentPassword]) { $1 })
        #expect(answer.status == 200 && answer.json["access_token"] is String, "\(body): \(answer.text)")
    }
    let wrong = try server.request("POST", "/api/v1/auth/login", json: ["email": "maria@example.org", "password": "not the password at all"])
    #expect(wrong.status == 401)
    let null = try server.request("POST", "/api/v1/auth/login", json: ["login": "maria", "username": NSNull(), "password": studentPassword])
    #expect(null.status == 422, "\(null.text)")
    let nameless = try server.request("POST", "/api/v1/auth/login", json: ["password": studentPassword])
    #expect(nameless.status == 422 && (nameless.json["detail"] as? String)?.contains("'login'") == true, "\(nameless.text)")
}

@Test(arguments: StoreKind.tested) func everyListHasOneEnvelopeAndPages(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.first?.email)
    let (server, _) = try startServer(store: store, staff: [("teacher", instructorEmail, "instructor"), adminAccount])
    var learners: [[String: String]] = []
    for name in ["ana", "ben", "cleo"] {
        let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, name)["access_token"] as? String))"]
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
        #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 4], headers: auth).status == 201)
        learners.append(auth)
    }
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let teacher = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    let lists: [(path: String, headers: [String: String], total: Int)] = [
        ("/api/v1/courses", [:], 1),
        ("/api/v1/reviews?course=python-foundations", [:], 3),
        ("/api/v1/enrollments", admin, 3),
        ("/api/v1/enrollments", teacher, 3),
        ("/api/v1/enrollments/my-courses", learners[0], 1),
        ("/api/v1/courses/python-foundations/students", teacher, 3),
        ("/api/v1/certificates/my-certificates", learners[0], 0),
        ("/api/v1/users", admin, 5),
        ("/api/v1/activity-log?type=register", admin, 3),
    ]
    for list in lists {
        let joiner = list.path.contains("?") ? "&" : "?"
        let first = try server.request("GET", list.path + joiner + "page_size=1", headers: list.headers)
        #expect(first.status == 200, "\(list.path): \(first.text)")
        #expect(Set(first.json.keys).isSuperset(of: ["items", "total", "page", "page_size", "pages"]), "\(list.path): \(first.text)")
        #expect(first.json["total"] as? Int == list.total && first.json["page"] as? Int == 1 && first.json["page_size"] as? Int == 1,
                "\(list.path): \(first.text)")
        #expect((first.json["items"] as? [Any])?.count == min(1, list.total) && first.json["pages"] as? Int == max(1, list.total),
                "\(list.path): \(first.text)")
        // The last page holds the last item; past it, nothing.
        let last = try server.request("GET", list.path + joiner + "page_size=1&page=\(max(1, list.total))", headers: list.headers)
        #expect((last.json["items"] as? [Any])?.count == min(1, list.total), "\(list.path): \(last.text)")
        let past = try server.request("GET", list.path + joiner + "page_size=1&page=\(list.total + 1)", headers: list.headers)
        #expect((past.json["items"] as? [Any])?.isEmpty == true, "\(list.path): \(past.text)")
        #expect(try server.request("GET", list.path + joiner + "page_size=0", headers: list.headers).status == 422, "\(list.path)")
        #expect(try server.request("GET", list.path + joiner + "page=0", headers: list.headers).status == 422, "\(list.path)")
    }
    // The reviews' average is over all of them, not one page.
    #expect(try server.request("GET", "/api/v1/reviews?course=python-foundations&page_size=1").json["average"] as? Double == 4)
}

/// Every time in a JSON answer, and in the progress export, is an ISO 8601 UTC string to the second.
@Test func timesAreISO8601StringsEverywhere() throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let (server, data) = try startServer(staff: [adminAccount])
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "tess")["access_token"] as? String))"]
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let before = Date()
    let answers: [(String, [String: Any])] = [
        ("enrollment", try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).json),
        ("completion", try server.request("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete", headers: auth).json),
        ("attempt", try server.request("POST", "/api/v1/quizzes/\(course.quizzes[0].id)/attempts", headers: auth).json),
        ("review", try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 5], headers: auth).json),
        ("my courses", try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth).json),
        ("activity log", try server.request("GET", "/api/v1/activity-log", headers: admin).json),
        ("student analytics", try server.request("GET", "/api/v1/analytics/student", headers: auth).json),
    ]
    var seen = 0
    /// Checks every value under a key that names a time, however deep.
    func check(_ value: Any, key: String?, in answer: String) {
        if let object = value as? [String: Any] {
            for (name, inner) in object { check(inner, key: name, in: answer) }
        } else if let array = value as? [Any] {
            for inner in array { check(inner, key: key, in: answer) }
        } else if let key, key.hasSuffix("_at") || ["at", "deadline", "last_active"].contains(key) {
            seen += 1
            let text = value as? String ?? "\(value)"
            #expect(text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(answer): \(key) = \(text)")
            if let date = try? Date(text, strategy: .iso8601) {
                #expect(abs(date.timeIntervalSince(before)) < 120, "\(answer): \(key) = \(text)")
            }
        }
    }
    for (name, answer) in answers { check(answer, key: nil, in: name) }
    #expect(seen >= 8, "only \(seen) times seen")
    // An attempt not yet submitted leaves `submitted_at` out rather than sending null.
    #expect(answers[2].1["submitted_at"] == nil && answers[2].1["started_at"] is String)

    let database = data.url.appendingPathComponent("lectern.db").path
    let csv = try runLectern("export", "progress", "--db", database).stdout
    #expect(csv.split(separator: "\n").dropFirst().allSatisfy { $0.split(separator: ",").last?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil },
            "\(csv)")
}

/// A 422 keeps `detail` and adds `errors`, each naming the field at fault, so a form can mark it.
@Test(arguments: StoreKind.tested) func validationErrorsNameTheirField(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "fern")["access_token"] as? String))"]
    let cases: [(String, String, [String: Any]?, String, String)] = [
        ("POST", "/api/v1/auth/register", ["email": "not-an-email", "username": "zed", "password": studentPassword], "email", "email_invalid"),
        ("POST", "/api/v1/auth/register", ["email": "zed@example.org", "username": "zed"], "password", "missing"),
        ("POST", "/api/v1/users/me/password", ["current_password": studentPassword, "new_password": "password123"], "new_password", "password_common"),
        ("PATCH", "/api/v1/users/me", ["name": 42], "name", "wrong_type"),
        ("POST", "/api/v1/reviews", ["course": "python-foundations", "rating": 9], "rating", "invalid"),
        ("GET", "/api/v1/courses?page_size=500", nil, "page_size", "invalid"),
    ]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    for (method, path, body, field, code) in cases {
        let answer = try server.request(method, path, json: body, headers: auth)
        let errors = answer.json["errors"] as? [[String: Any]] ?? []
        #expect(answer.status == 422 && answer.json["detail"] is String, "\(path): \(answer.text)")
        #expect(errors.count == 1 && errors.first?["field"] as? String == field && errors.first?["code"] as? String == code
                && errors.first?["message"] as? String == answer.json["detail"] as? String, "\(path): \(answer.text)")
    }
    // A nested field is named by its path.
    let quiz = try #require(try Loader.load(sampleCourse("python-foundations")).course.quizzes.first)
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
    let nested = try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": [["question_id": quiz.questions[0].id]]], headers: auth)
    #expect((nested.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "answers.0.answer", "\(nested.text)")
    // Other errors keep their shape.
    #expect(try server.request("GET", "/api/v1/courses/nope").json["errors"] == nil)
}

/// PUT replaces what PATCH changes, where clients of other LMS APIs use it: the profile and a review.
@Test(arguments: StoreKind.tested) func putReplacesTheProfileAndAReview(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "gus")["access_token"] as? String))"]
    let replaced = try server.request("PUT", "/api/v1/users/me", json: ["name": "Gus Grey", "email": "gus.grey@example.org"], headers: auth)
    #expect(replaced.status == 200 && replaced.json["name"] as? String == "Gus Grey" && replaced.json["email"] as? String == "gus.grey@example.org",
            "\(replaced.text)")
    let partial = try server.request("PUT", "/api/v1/users/me", json: ["name": "Only A Name"], headers: auth)
    #expect(partial.status == 422 && (partial.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "email", "\(partial.text)")

    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    let review = try #require(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 2, "comment": "Hard"],
                                                headers: auth).json["id"] as? Int)
    let put = try server.request("PUT", "/api/v1/reviews/\(review)", json: ["rating": 5, "comment": ""], headers: auth)
    #expect(put.status == 200 && put.json["rating"] as? Int == 5 && put.json["comment"] as? String == "", "\(put.text)")
    #expect(try server.request("PUT", "/api/v1/reviews/\(review)", json: ["rating": 4], headers: auth).status == 422)
    // PATCH still changes only what it is given.
    let patched = try server.request("PATCH", "/api/v1/reviews/\(review)", json: ["comment": "Worth it"], headers: auth)
    #expect(patched.json["rating"] as? Int == 5 && patched.json["comment"] as? String == "Worth it", "\(patched.text)")
}

/// One order of checks on every route (docs/api.md, Errors): the route's role (403), then what the URL
/// names (404), then the permission on that record (403), then the body (422).
@Test(arguments: StoreKind.tested) func checksComeInOneOrder(_ store: StoreKind) throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.first?.email)
    let (server, _) = try startServer(store: store, staff: [("teacher", instructorEmail, "instructor"), ("otherteacher", "other.teacher@example.org", "instructor"),
                                              adminAccount])
    try registerAndLogin(server, "student")
    try registerAndLogin(server, "otherstudent")
    var as_: [String: [String: String]] = [:]
    for login in ["student", "otherstudent", "teacher", "otherteacher", "admin"] { as_[login] = ["Authorization": "Bearer \(try token(server, login))"] }
    let enrollment = try #require(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: as_["student"]!).json["id"] as? Int)
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(course.quizzes[0].id)/attempts", headers: as_["student"]!).json["id"] as? Int)
    let review = try #require(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 4], headers: as_["student"]!).json["id"] as? Int)
    let quiz = course.quizzes[0].id
    let rows: [(String, String, [String: Any]?, String, Int)] = [
        // The route's role before what the URL names.
        ("GET", "/api/v1/courses/nope/students", nil, "student", 403), ("GET", "/api/v1/courses/nope/students", nil, "teacher", 404),
        ("GET", "/api/v1/analytics/courses/nope", nil, "student", 403), ("GET", "/api/v1/analytics/courses/nope", nil, "admin", 404),
        ("POST", "/api/v1/courses/nope/quizzes/\(quiz)/extra-attempts", ["user_id": 1], "student", 403),
        ("POST", "/api/v1/courses/nope/quizzes/\(quiz)/extra-attempts", ["user_id": 1], "teacher", 404),
        ("POST", "/api/v1/courses/nope/grades/1", ["grade": "A"], "student", 403), ("POST", "/api/v1/courses/nope/grades/1", ["grade": "A"], "teacher", 404),
        ("PATCH", "/api/v1/users/999999", ["active": false], "teacher", 403), ("PATCH", "/api/v1/users/999999", ["active": false], "admin", 404),
        ("POST", "/api/v1/certificates/999999/revoke", nil, "student", 403), ("POST", "/api/v1/certificates/999999/revoke", nil, "admin", 404),
        // What the URL names before the permission on that record, outer to inner.
        ("GET", "/api/v1/enrollments/999999", nil, "otherstudent", 404), ("GET", "/api/v1/enrollments/\(enrollment)", nil, "otherstudent", 403),
        ("GET", "/api/v1/attempts/999999", nil, "otherstudent", 404), ("GET", "/api/v1/attempts/\(attempt)", nil, "otherstudent", 403),
        ("DELETE", "/api/v1/reviews/999999", nil, "otherstudent", 404), ("DELETE", "/api/v1/reviews/\(review)", nil, "otherstudent", 403),
        ("GET", "/api/v1/courses/python-foundations/students", nil, "otherteacher", 403),
        ("POST", "/api/v1/courses/python-foundations/grades/999999", ["grade": "A"], "otherteacher", 403),
        ("POST", "/api/v1/courses/python-foundations/grades/999999", ["grade": "A"], "teacher", 404),
        ("POST", "/api/v1/progress/lessons/nope/complete", nil, "teacher", 404),
        ("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete", nil, "teacher", 403),
        // The permission before the body.
        ("PATCH", "/api/v1/reviews/\(review)", ["rating": 99], "otherstudent", 403), ("PATCH", "/api/v1/reviews/\(review)", ["rating": 99], "student", 422),
        ("POST", "/api/v1/enrollments", ["course": 7], "teacher", 403),
    ]
    for (method, path, body, role, expected) in rows {
        let answer = try server.request(method, path, json: body, headers: as_[role]!)
        #expect(answer.status == expected, "\(method) \(path) as \(role): \(answer.status) \(answer.text)")
    }
}
