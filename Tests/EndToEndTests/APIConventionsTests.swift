// The API's conventions, as clients written for the LMS APIs Lectern replaces expect them: sign-in by
// email or username, one pagination envelope on every list.
import CourseModel
import Foundation
import LecternTesting
import Testing

@Test func signInTakesLoginEmailOrUsername() throws {
    let (server, _) = try startServer()
    try registerAndLogin(server, "maria")
    for body in [["login": "maria"], ["login": "maria@example.org"], ["email": "maria@example.org"], ["username": "maria"],
                 ["username": "MARIA"]] {
        let answer = try server.request("POST", "/api/v1/auth/login", json: body.merging(["password": studentPassword]) { $1 })
        #expect(answer.status == 200 && answer.json["access_token"] is String, "\(body): \(answer.text)")
    }
    let wrong = try server.request("POST", "/api/v1/auth/login", json: ["email": "maria@example.org", "password": "not the password at all"])
    #expect(wrong.status == 401)
    let nameless = try server.request("POST", "/api/v1/auth/login", json: ["password": studentPassword])
    #expect(nameless.status == 422 && (nameless.json["detail"] as? String)?.contains("'login'") == true, "\(nameless.text)")
}

@Test func everyListHasOneEnvelopeAndPages() throws {
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let instructorEmail = try #require(course.instructors.first?.email)
    let (server, _) = try startServer(staff: [("teacher", instructorEmail, "instructor"), adminAccount])
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
