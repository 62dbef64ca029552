// A hosted SCORM package is a course of the catalog: learners enroll in it (alone, or by staff), its SCOs'
// commits become lesson completions and graded attempts, and the gradebook, analytics, progress and the
// certificate read them as they read an authored course's. Over real HTTP, on both stores.
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func aHostedPackageIsACourseItsCommitsRecord(_ store: StoreKind) throws {
    let (server, data, files) = try startHostingServer(store)
    defer { withExtendedLifetime(data) {}; try? FileManager.default.removeItem(at: files) }
    // Lectern's own SCORM 1.2 package with one SCO per module; the first SCO given a mastery score of 80.
    let zip = try craftedZip("mastery", from: try lecternScormPackage("scorm12", perModule: true))
    let teacher = ["Authorization": "Bearer \(try token(server, "teach"))"]
    let uploaded = try upload(server, zip, token: try token(server, "teach"))
    try #require(uploaded.status == 201, "\(uploaded.text)")
    let id = try #require(uploaded.json["id"] as? Int), slug = try #require(uploaded.json["slug"] as? String)
    let title = try #require(uploaded.json["title"] as? String)
    let scos = try #require(uploaded.json["scos"] as? [[String: Any]]).compactMap { $0["identifier"] as? String }
    try #require(scos.count >= 2, "\(uploaded.text)")
    let graded = scos[0], lessons = Array(scos.dropFirst())

    // In the catalog beside the authored course, with a graded step and lessons.
    let listed = try server.request("GET", "/api/v1/courses?page_size=100").json["items"] as? [[String: Any]] ?? []
    let entry = try #require(listed.first { $0["slug"] as? String == slug }, "\(listed)")
    #expect(entry["title"] as? String == title && entry["quiz_count"] as? Int == 1 && entry["lesson_count"] as? Int == lessons.count)
    #expect(listed.contains { $0["slug"] as? String == "python-foundations" }, "the authored course stays")
    let detail = try server.request("GET", "/api/v1/courses/\(slug)").json
    let items = ((detail["modules"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]) ?? []
    #expect(items.map { $0["id"] as? String } == scos && items.map { $0["kind"] as? String } == ["quiz"] + lessons.map { _ in "lesson" })

    // Enrollment: a learner alone, another by the package's instructor.
    let maria = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "maria")["access_token"] as? String))"]
    let joseID = try #require(try registerAndLogin(server, "jose")["user"] as? [String: Any])["id"] as? Int
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)/launch", headers: maria).status == 403)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": slug], headers: maria).status == 201)
    let byStaff = try server.request("POST", "/api/v1/courses/\(slug)/enrollments", json: ["user_id": try #require(joseID)], headers: teacher)
    #expect(byStaff.status == 200 || byStaff.status == 201, "\(byStaff.text)")

    // A class given the package: its members are enrolled and see it on "My courses" as a package.
    let anaAccount = try #require(try registerAndLogin(server, "ana")["user"] as? [String: Any])
    let anaID = try #require(anaAccount["id"] as? Int)
    let made = try server.request("POST", "/api/v1/classes", json: ["name": "5A"], headers: teacher)
    let classID = try #require(made.json["id"] as? Int, "\(made.text)")
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/members", json: ["user_ids": [anaID]], headers: teacher).status < 300)
    let given = try server.request("POST", "/api/v1/classes/\(classID)/courses", json: ["course": slug], headers: teacher)
    #expect(given.status == 201, "\(given.text)")
    let ana = ["Authorization": "Bearer \(try token(server, "ana"))"]
    let anas = try server.request("GET", "/api/v1/enrollments/my-courses", headers: ana).json["items"] as? [[String: Any]] ?? []
    #expect(anas.map { $0["course"] as? String } == [slug] && anas.first?["scorm_package"] as? Int == id, "\(anas)")

    // Only the package's runtime records its steps.
    let marked = try server.request("POST", "/api/v1/progress/lessons/\(lessons[0])/complete?course=\(slug)", headers: maria)
    #expect(marked.status == 409 && marked.json["code"] as? String == "scorm_step", "\(marked.text)")
    let emptyQuiz = try server.request("POST", "/api/v1/quizzes/\(graded)/attempts?course=\(slug)", headers: maria)
    #expect(emptyQuiz.status == 409 && emptyQuiz.json["code"] as? String == "scorm_step", "\(emptyQuiz.text)")

    var sequence = 0
    func commit(_ sco: String, _ values: [String: String]) throws {
        sequence += 1
        let answer = try server.request("POST", "/api/v1/scorm-packages/\(id)/commits",
                                        json: ["sco": sco, "attempt": 1, "sequence": sequence, "values": values], headers: maria)
        #expect(answer.status == 200, "\(answer.text)")
    }
    func attempts() throws -> [[String: Any]] {
        try server.request("GET", "/api/v1/quizzes/\(graded)/attempts?course=\(slug)", headers: maria).json["attempts"] as? [[String: Any]] ?? []
    }
    func progress() throws -> [String: Any] { try server.request("GET", "/api/v1/progress/courses/\(slug)", headers: maria).json }

    // A score while the SCO is still going is no result yet; finished at 60 it fails the mastery score of 80.
    try commit(graded, ["cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "50"])
    #expect(try attempts().isEmpty)
    try commit(graded, ["cmi.core.lesson_status": "completed", "cmi.core.score.raw": "60"])
    var recorded = try attempts()
    #expect(recorded.count == 1 && recorded.first?["score"] as? Double == 60 && recorded.first?["passed"] as? Bool == false, "\(recorded)")
    try commit(graded, ["cmi.suspend_data": "page=3"])
    #expect(try attempts().count == 1, "the same result again is not another attempt")
    // Scored on the SCO's own scale (min 0, max 20): 18/20 is 90 percent, passed.
    try commit(graded, ["cmi.core.lesson_status": "passed", "cmi.core.score.raw": "18", "cmi.core.score.max": "20"])
    recorded = try attempts()
    #expect(recorded.count == 2 && recorded.last?["score"] as? Double == 90 && recorded.last?["passed"] as? Bool == true, "\(recorded)")
    #expect((try server.request("GET", "/api/v1/certificates/my-certificates", headers: maria).json["items"] as? [Any])?.isEmpty == true,
            "lessons are still to do")

    // Lesson SCOs count once completed (1.2's "failed" is completed too); "incomplete" does not.
    try commit(lessons[0], ["cmi.core.lesson_status": "incomplete"])
    #expect((try progress()["completed_lessons"] as? [String] ?? []).isEmpty)
    for (index, lesson) in lessons.enumerated() { try commit(lesson, ["cmi.core.lesson_status": index == 0 ? "completed" : "failed"]) }
    let standing = try progress()
    #expect(Set(standing["completed_lessons"] as? [String] ?? []) == Set(lessons), "\(standing)")

    // The certificate, the gradebook and analytics read the package as any course.
    let certificates = try server.request("GET", "/api/v1/certificates/my-certificates", headers: maria).json["items"] as? [[String: Any]] ?? []
    #expect(certificates.map { $0["course"] as? String } == [slug], "\(certificates)")
    let book = try server.request("GET", "/api/v1/courses/\(slug)/gradebook", headers: teacher)
    #expect(book.status == 200, "\(book.text)")
    let rows = book.json["learners"] as? [[String: Any]] ?? []
    let row = try #require(rows.first { $0["username"] as? String == "maria" }, "\(book.text)")
    let cell = (row["quizzes"] as? [String: [String: Any]])?[graded]
    #expect(cell?["best_score"] as? Double == 90 && cell?["attempts"] as? Int == 2 && cell?["passed"] as? Bool == true, "\(row)")
    #expect(row["lessons_completed"] as? Int == lessons.count && row["completed"] as? Bool == true && row["certificate"] != nil, "\(row)")
    #expect(rows.contains { $0["username"] as? String == "jose" && $0["lessons_completed"] as? Int == 0 }, "enrolled by staff, nothing done")
    let csv = try server.request("GET", "/api/v1/courses/\(slug)/gradebook?format=csv", headers: teacher)
    #expect(csv.status == 200 && csv.text.contains("maria") && csv.text.contains("90"), "\(csv.text)")
    #expect(try server.request("GET", "/api/v1/analytics/courses/\(slug)", headers: teacher).status == 200)
    #expect(try server.request("GET", "/api/v1/courses/\(slug)/gradebook", headers: ["Authorization": "Bearer \(try token(server, "other"))"]).status == 403,
            "another instructor does not teach the package")

    // Removed, it leaves the catalog; the learners' records stay.
    #expect(try server.request("DELETE", "/api/v1/scorm-packages/\(id)", headers: teacher).status == 204)
    #expect(try server.request("GET", "/api/v1/courses/\(slug)").status == 404)
    #expect((try server.request("GET", "/api/v1/certificates/my-certificates", headers: maria).json["items"] as? [Any])?.count == 1)
}
