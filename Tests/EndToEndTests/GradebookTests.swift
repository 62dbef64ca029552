// Grades read back and the gradebook, against a seeded classroom whose numbers are worked out by hand.
import Foundation
import LecternTesting
import Testing

/// Three lessons and a three-question quiz (one point each, pass mark 60), certificates on, taught by
/// teacher@example.org.
private func gradedCourse() throws -> TemporaryCourse {
    try TemporaryCourse([
        "course.yaml": """
        title: Garden Maths
        instructors:
          - {name: Tess, email: teacher@example.org}
        completion: {require: all, mastery_score: 60}
        certificate: {}
        """,
        "01-m/01-a.md": "# A\n\nFirst.\n",
        "01-m/02-b.md": "# B\n\nSecond.\n",
        "01-m/03-c.md": "# C\n\nThird.\n",
        "01-m/04-q.quiz.yaml": """
        id: quiz
        questions:
          - {id: q1, type: true_false, prompt: One?, answer: true}
          - {id: q2, type: true_false, prompt: Two?, answer: true}
          - {id: q3, type: true_false, prompt: Three?, answer: true}
        """,
    ], name: "garden")
}

/// A seeded class: ana (all lessons, 3/3: a certificate), ben (two lessons, 2/3 then 3/3), cai (no lesson,
/// 1/3), eve (enrolled only). Returns the server, its data folder, the learners' ids and their headers.
private func seededClass(_ store: StoreKind) throws -> (LecternProcess, TemporaryCourse, TemporaryCourse, [String: Int], [String: [String: String]]) {
    let course = try gradedCourse()
    let (server, data) = try startServer(store: store, course.url, staff: [("teacher", "teacher@example.org", "instructor"),
                                                                           ("otherteacher", "other@example.org", "instructor"), adminAccount])
    let plan: [(String, Int, [Int])] = [("ana", 3, [3]), ("ben", 2, [2, 3]), ("cai", 0, [1]), ("eve", 0, [])]
    var ids: [String: Int] = [:], auth: [String: [String: String]] = [:]
    for (name, lessons, attempts) in plan {
        let login = try registerAndLogin(server, name)
        auth[name] = ["Authorization": "Bearer \(try #require(login["access_token"] as? String))"]
        ids[name] = try #require((login["user"] as? [String: Any])?["id"] as? Int)
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "garden"], headers: auth[name]!).status == 201)
        for lesson in ["m.a", "m.b", "m.c"].prefix(lessons) {
            #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: auth[name]!).status == 200)
        }
        for right in attempts {
            let attempt = try #require(try server.request("POST", "/api/v1/quizzes/quiz/attempts", headers: auth[name]!).json["id"] as? Int)
            let answers = (1...3).map { ["question_id": "q\($0)", "answer": $0 <= right] as [String: Any] }
            #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth[name]!).status == 200)
        }
    }
    return (server, data, course, ids, auth)
}

@Test(arguments: StoreKind.tested) func instructorsReadGradesAndTheGradebook(_ store: StoreKind) throws {
    let (server, _, _, ids, _) = try seededClass(store)
    let teacher = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    #expect(try server.request("POST", "/api/v1/courses/garden/grades/\(ids["ben"]!)", json: ["grade": "B+", "feedback": "Finish lesson C"],
                               headers: teacher).status == 200)
    #expect(try server.request("POST", "/api/v1/courses/garden/grades/\(ids["ana"]!)", json: ["grade": "A"], headers: teacher).status == 200)

    // The grades, by username, a page at a time, or one learner's.
    let grades = try server.request("GET", "/api/v1/courses/garden/grades", headers: teacher)
    #expect(grades.status == 200 && grades.json["total"] as? Int == 2, "\(grades.text)")
    let items = try #require(grades.json["items"] as? [[String: Any]])
    #expect(items.map { $0["username"] as? String } == ["ana", "ben"] && items.map { $0["grade"] as? String } == ["A", "B+"])
    #expect(items[1]["feedback"] as? String == "Finish lesson C" && items[1]["student_id"] as? Int == ids["ben"])
    let paged = try server.request("GET", "/api/v1/courses/garden/grades?page=2&page_size=1", headers: admin)
    #expect(paged.json["pages"] as? Int == 2 && (paged.json["items"] as? [[String: Any]])?.first?["username"] as? String == "ben")
    let one = try server.request("GET", "/api/v1/courses/garden/grades?student_id=\(ids["ben"]!)", headers: teacher)
    #expect(one.json["total"] as? Int == 1 && (one.json["items"] as? [[String: Any]])?.first?["grade"] as? String == "B+")
    #expect(try server.request("GET", "/api/v1/courses/garden/grades?student_id=ben", headers: teacher).status == 422)

    // The students list and the analytics learners carry the grade, JSON and CSV.
    let students = try #require(try server.request("GET", "/api/v1/courses/garden/students", headers: teacher).json["items"] as? [[String: Any]])
    #expect(students.first { $0["id"] as? Int == ids["ben"] }?["grade"] as? String == "B+")
    #expect(students.first { $0["id"] as? Int == ids["cai"] }?["grade"] == nil)
    let learners = try #require(try server.request("GET", "/api/v1/analytics/courses/garden", headers: teacher).json["learners"] as? [[String: Any]])
    #expect(learners.first { $0["username"] as? String == "ana" }?["grade"] as? String == "A")
    let roster = try server.request("GET", "/api/v1/analytics/courses/garden?format=csv&table=learners", headers: teacher).text.split(separator: "\r\n")
    #expect(roster.first == "student_id,username,name,email,enrolled_at,lessons_completed,percent,completed,last_active,grade,quiz")
    #expect(roster.first { $0.hasPrefix("\(ids["ben"]!),ben,") }?.hasSuffix(",B+,100") == true, "\(roster)")

    // The gradebook: lessons, each quiz's best score and attempts, the grade and the certificate.
    let book = try server.request("GET", "/api/v1/courses/garden/gradebook", headers: teacher)
    #expect(book.status == 200 && book.json["lessons_total"] as? Int == 3, "\(book.text)")
    let rows = try #require(book.json["learners"] as? [[String: Any]])
    func row(_ name: String) -> [String: Any] { rows.first { $0["username"] as? String == name } ?? [:] }
    func quiz(_ name: String) -> [String: Any] { (row(name)["quizzes"] as? [String: Any])?["quiz"] as? [String: Any] ?? [:] }
    #expect(rows.count == 4)
    #expect(row("ana")["lessons_completed"] as? Int == 3 && row("ana")["completed"] as? Bool == true && row("ana")["grade"] as? String == "A")
    #expect(quiz("ana")["best_score"] as? Double == 100 && quiz("ana")["attempts"] as? Int == 1 && quiz("ana")["passed"] as? Bool == true)
    let code = try #require((row("ana")["certificate"] as? [String: Any])?["code"] as? String)
    #expect(row("ben")["lessons_completed"] as? Int == 2 && row("ben")["percent"] as? Double == 75 && row("ben")["certificate"] == nil)
    #expect(quiz("ben")["best_score"] as? Double == 100 && quiz("ben")["attempts"] as? Int == 2 && row("ben")["feedback"] as? String == "Finish lesson C")
    #expect(quiz("cai")["best_score"] as? Double == 33.3 && quiz("cai")["attempts"] as? Int == 1 && quiz("cai")["passed"] as? Bool == false)
    #expect(quiz("eve")["best_score"] == nil && quiz("eve")["attempts"] as? Int == 0 && row("eve")["percent"] as? Double == 0)

    let csv = try server.request("GET", "/api/v1/courses/garden/gradebook?format=csv", headers: admin)
    #expect((csv.headers["Content-Type"] as? String)?.hasPrefix("text/csv") == true)
    let lines = csv.text.split(separator: "\r\n").map(String.init)
    #expect(lines == [
        "student_id,username,name,lessons_completed,lessons_total,percent,completed,quiz_best,quiz_attempts,grade,feedback,certificate_code,certificate_status",
        "\(ids["ana"]!),ana,Ana,3,3,100,yes,100,1,A,,\(code),valid",
        "\(ids["ben"]!),ben,Ben,2,3,75,no,100,2,B+,Finish lesson C,,",
        "\(ids["cai"]!),cai,Cai,0,3,0,no,33.3,1,,,,",
        "\(ids["eve"]!),eve,Eve,0,3,0,no,,0,,,,",
    ], "\(csv.text)")
    #expect(try server.request("GET", "/api/v1/courses/garden/gradebook?format=xml", headers: teacher).status == 422)
}

@Test(arguments: StoreKind.tested) func adminsSearchAndRevokeCertificates(_ store: StoreKind) throws {
    let (server, _, _, ids, auth) = try seededClass(store)
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let all = try server.request("GET", "/api/v1/certificates", headers: admin)
    #expect(all.status == 200 && all.json["total"] as? Int == 1, "\(all.text)")
    let first = try #require((all.json["items"] as? [[String: Any]])?.first)
    let code = try #require(first["code"] as? String), id = try #require(first["id"] as? Int)
    #expect(first["username"] as? String == "ana" && first["course"] as? String == "garden" && first["learner"] as? String == "Ana")
    // Each filter narrows; a user is an id or part of a username, email or printed name.
    for (query, total) in [("course=garden", 1), ("course=other", 0), ("user=\(ids["ana"]!)", 1), ("user=\(ids["ben"]!)", 0), ("user=AN", 1),
                           ("user=ana%40example", 1), ("user=%25", 0), ("user=_", 0), ("code=\(code)", 1), ("code=nope", 0),
                           ("course=garden&user=ben", 0), ("page=2&page_size=1", 1)] {
        let found = try server.request("GET", "/api/v1/certificates?\(query)", headers: admin)
        #expect(found.status == 200 && found.json["total"] as? Int == total, "\(query): \(found.text)")
    }
    #expect((try server.request("GET", "/api/v1/certificates?page=2&page_size=1", headers: admin).json["items"] as? [Any])?.isEmpty == true)
    #expect(try server.request("GET", "/api/v1/certificates?page_size=0", headers: admin).status == 422)
    #expect(try server.request("GET", "/api/v1/certificates", headers: auth["ana"]!).status == 403)
    // Revoked, it is listed as revoked, in the gradebook too, and the learner's download is refused by the page.
    #expect(try server.request("POST", "/api/v1/certificates/\(id)/revoke", headers: admin).status == 204)
    let after = try server.request("GET", "/api/v1/certificates?code=\(code)", headers: admin)
    #expect((after.json["items"] as? [[String: Any]])?.first?["revoked"] as? Bool == true)
    let csv = try server.request("GET", "/api/v1/courses/garden/gradebook?format=csv", headers: admin).text
    #expect(csv.contains(",\(code),revoked\r\n"), "\(csv)")
}
