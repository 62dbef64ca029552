// The catalog list and a learner's course list are kept between requests; every change they are computed
// from, through the API or by another process writing the database, shows in the next answer.
import CourseModel
import Foundation
import LecternTesting
import SQLite
import Testing

@Test func keptAnswersShowEveryChangeInTheNextRequest() throws {
    let (server, data) = try startServer()
    let database = data.url.appendingPathComponent("lectern.db").path
    let lesson = try Loader.load(sampleCourse("python-foundations")).course.lessons[0].id
    let tokens = try registerAndLogin(server, "ana")
    let auth = ["Authorization": "Bearer \(try #require(tokens["access_token"] as? String))"]
    let enrolled = try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth)
    let enrollment = try #require(enrolled.json["id"] as? Int)
    func myCourses() throws -> [[String: Any]] {
        try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth).json["items"] as? [[String: Any]] ?? []
    }
    func python() throws -> [String: Any]? {
        let items = try server.request("GET", "/api/v1/courses?search=python").json["items"] as? [[String: Any]]
        return items?.first { $0["slug"] as? String == "python-foundations" }
    }

    // Asked twice each: the answers are now kept.
    #expect(try myCourses().first?["percentage"] as? Double == 0)
    #expect(try myCourses().first?["percentage"] as? Double == 0)
    #expect(try python()?["review_count"] as? Int == 0)
    #expect(try python()?["review_count"] as? Int == 0)

    #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: auth).status == 200)
    #expect(try myCourses().first.flatMap { $0["percentage"] as? Double } ?? 0 > 0)
    #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 4], headers: auth).status == 201)
    #expect(try python()?["review_count"] as? Int == 1 && python()?["average_rating"] as? Double == 4)

    // Another process writes the database: a review the server did not make.
    let other = try registerAndLogin(server, "boris")
    let bo = try #require((other["user"] as? [String: Any])?["id"] as? Int)
    let writer = try Connection(path: database)
    try writer.prepare("INSERT INTO review (user_id, course, rating, created_at, updated_at) VALUES (?, 'python-foundations', 2, 0, 0)")
        .run([.integer(Int64(bo))])
    writer.close()
    #expect(try python()?["review_count"] as? Int == 2 && python()?["average_rating"] as? Double == 3)

    #expect(try server.request("DELETE", "/api/v1/enrollments/\(enrollment)", headers: auth).status == 204)
    #expect(try myCourses().isEmpty)
}
