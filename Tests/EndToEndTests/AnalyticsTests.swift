// Analytics against a seeded classroom whose numbers are worked out by hand below.
import Foundation
import LecternTesting
import Testing

/// Three lessons and a three-question quiz (one point each, pass mark 60), taught by teacher@example.org.
private func statsCourse() throws -> TemporaryCourse {
    try TemporaryCourse([
        "course.yaml": """
        title: Statistics Lab
        instructors:
          - {name: Tess, email: teacher@example.org}
        completion: {require: all, mastery_score: 60}
        """,
        "01-m/01-a.md": "# A\n\nFirst.\n",
        "01-m/02-b.md": "# B\n\nSecond.\n",
        "01-m/03-c.md": "# C\n\nThird.\n",
        "01-m/04-q.quiz.yaml": """
        id: quiz
        questions:
          - id: q1
            type: single
            prompt: Pick the right one
            choices:
              - {id: right, text: Right, correct: true}
              - {id: wrong, text: Wrong}
          - id: q2
            type: true_false
            prompt: True?
            answer: true
          - id: q3
            type: short
            prompt: Capital of France?
            answers: [Paris]
        """,
    ], name: "stats")
}

/// q1, q2, q3 right or wrong → the answers that make it so.
private func answers(_ right: [Bool]) -> [[String: Any]] {
    [["question_id": "q1", "answer": right[0] ? "right" : "wrong"],
     ["question_id": "q2", "answer": right[1]],
     ["question_id": "q3", "answer": right[2] ? "paris" : "Lyon"]]
}

@Test(arguments: StoreKind.tested) func analyticsMatchASeededClassroom(_ store: StoreKind) throws {
    let course = try statsCourse()
    let (server, _) = try startServer(store: store, course.url, staff: [("teacher", "teacher@example.org", "instructor"),
                                                              ("otherteacher", "other@example.org", "instructor"), adminAccount])
    let lessons = ["m.a", "m.b", "m.c"]

    // ana: all lessons, quiz 3/3.            ben: lessons a, b; quiz 2/3 (q3 wrong), then 3/3.
    // cai: lesson a; quiz 1/3 (q1 only).     dev: no lesson; quiz 2/3 (q2, q3).     eve: enrolled, nothing else.
    let plan: [(String, Int, [[Bool]])] = [
        ("ana", 3, [[true, true, true]]), ("ben", 2, [[true, true, false], [true, true, true]]),
        ("cai", 1, [[true, false, false]]), ("dev", 0, [[false, true, true]]), ("eve", 0, []),
    ]
    var auth: [String: [String: String]] = [:]
    var ids: [String: Int] = [:]
    for (name, lessonCount, attempts) in plan {
        let login = try registerAndLogin(server, name)
        auth[name] = ["Authorization": "Bearer \(try #require(login["access_token"] as? String))"]
        ids[name] = try #require((login["user"] as? [String: Any])?["id"] as? Int)
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "stats"], headers: auth[name]!).status == 201)
        for lesson in lessons.prefix(lessonCount) {
            #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: auth[name]!).status == 200)
        }
        for right in attempts {
            let attempt = try #require(try server.request("POST", "/api/v1/quizzes/quiz/attempts", headers: auth[name]!).json["id"] as? Int)
            #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers(right)], headers: auth[name]!).status == 200)
        }
    }
    for (name, rating) in [("ana", 5), ("ben", 4)] {
        #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "stats", "rating": rating], headers: auth[name]!).status == 201)
    }
    let teacher = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    #expect(try server.request("POST", "/api/v1/courses/stats/grades/\(ids["ben"]!)", json: ["grade": "B+"], headers: teacher).status == 200)

    // The courses each account may analyse: the instructor's own; none for another instructor.
    #expect(try server.request("GET", "/api/v1/analytics/courses", headers: teacher).text == "[{\"course\":\"stats\",\"title\":\"Statistics Lab\"}]")
    #expect(try server.request("GET", "/api/v1/analytics/courses", headers: ["Authorization": "Bearer \(try token(server, "otherteacher"))"]).text == "[]")

    // The course, as its instructor sees it.
    let report = try server.request("GET", "/api/v1/analytics/courses/stats?days=7", headers: teacher)
    #expect(report.status == 200, "\(report.text)")
    let json = report.json
    #expect(json["enrollments"] as? Int == 5)
    #expect(json["active_learners"] as? Int == 4)
    #expect(json["completed_learners"] as? Int == 1)     // only ana read every lesson and passed
    #expect(json["completion_rate"] as? Double == 20)
    #expect(json["average_score"] as? Double == 75)      // best scores 100, 100, 33.3, 66.7
    #expect(json["score_distribution"] as? [Int] == [0, 0, 0, 1, 0, 0, 1, 0, 0, 2])
    let lessonRows = try #require(json["lessons"] as? [[String: Any]])
    #expect(lessonRows.map { $0["completed"] as? Int } == [3, 2, 1])
    #expect(lessonRows.map { $0["percent"] as? Double } == [60, 40, 20])
    #expect(lessonRows.map { $0["drop_off"] as? Int } == [2, 1, 1])
    let quiz = try #require((json["quizzes"] as? [[String: Any]])?.first)
    #expect(quiz["attempts"] as? Int == 5 && quiz["learners"] as? Int == 4)
    #expect(quiz["average_best_score"] as? Double == 75 && quiz["pass_rate"] as? Double == 75)
    // First attempts: ana 111, ben 110, cai 100, dev 011. Discrimination is the correlation of a question
    // with the rest of the quiz: q1 vs (2,1,0,2) = -0.52, q2 vs (2,1,1,1) = 0.33, q3 vs (2,2,1,1) = 0.
    let questions = try #require(quiz["questions"] as? [[String: Any]])
    #expect(questions.map { $0["percent_correct"] as? Double } == [75, 75, 50])
    #expect(questions.map { $0["discrimination"] as? Double } == [-0.52, 0.33, 0])
    #expect(questions.allSatisfy { $0["responses"] as? Int == 4 })
    let learners = try #require(json["learners"] as? [[String: Any]])
    #expect(learners.map { $0["percent"] as? Double } == [100, 75, 25, 25, 0])

    // The same as CSV, one table at a time.
    let csv = try server.request("GET", "/api/v1/analytics/courses/stats?format=csv&table=questions", headers: teacher)
    #expect((csv.headers["Content-Type"] as? String)?.hasPrefix("text/csv") == true)
    #expect(csv.text == "quiz,question,type,responses,percent_correct,discrimination\r\nquiz,q1,single,4,75,-0.52\r\nquiz,q2,true_false,4,75,0.33\r\nquiz,q3,short,4,50,0\r\n")
    let roster = try server.request("GET", "/api/v1/analytics/courses/stats?format=csv", headers: teacher).text.split(separator: "\r\n")
    #expect(roster.first == "student_id,username,name,email,enrolled_at,lessons_completed,percent,completed,last_active,grade,quiz")
    #expect(roster.count == 6 && roster[2].hasPrefix("\(ids["ben"]!),ben,Ben,ben@example.org,") && roster[2].hasSuffix(",B+,100"))
    let drops = try server.request("GET", "/api/v1/analytics/courses/stats?format=csv&table=lessons", headers: teacher).text
    #expect(drops.contains("m.b,B,M,2,40,1\r\n"), "\(drops)")
    for bad in ["format=xml", "format=csv&table=nope", "days=0", "days=366"] {
        #expect(try server.request("GET", "/api/v1/analytics/courses/stats?\(bad)", headers: teacher).status == 422, "\(bad)")
    }
    #expect(try server.request("GET", "/api/v1/analytics/courses/stats", headers: ["Authorization": "Bearer \(try token(server, "otherteacher"))"]).status == 403)
    #expect(try server.request("GET", "/api/v1/analytics/courses/stats", headers: auth["ana"]!).status == 403)
    #expect(try server.request("GET", "/api/v1/analytics/courses/stats").status == 401)

    // A learner's own numbers.
    let mine = try server.request("GET", "/api/v1/analytics/student?days=7", headers: auth["ben"]!).json
    let stats = try #require((mine["courses"] as? [[String: Any]])?.first)
    #expect(stats["lessons_completed"] as? Int == 2 && stats["lessons_total"] as? Int == 3 && stats["percent"] as? Double == 75)
    #expect(stats["grade"] as? String == "B+" && stats["average_best_score"] as? Double == 100)
    let myQuiz = try #require((stats["quizzes"] as? [[String: Any]])?.first)
    #expect(myQuiz["attempts"] as? Int == 2 && myQuiz["best_score"] as? Double == 100 && myQuiz["passed"] as? Bool == true)
    let days = try #require(mine["activity"] as? [[String: Any]])
    #expect(days.count == 7 && days.last?["lesson_completions"] as? Int == 2 && days.last?["attempts_submitted"] as? Int == 2)
    #expect(days.last?["date"] as? String == Date().formatted(.iso8601.year().month().day()))
    let myCSV = try server.request("GET", "/api/v1/analytics/student?format=csv", headers: auth["ben"]!).text
    #expect(myCSV.contains("\r\nstats,Statistics Lab,") && myCSV.contains(",2,3,75,1,1,100,,B+,"), "\(myCSV)")

    // The whole server, for administrators only.
    let system = try server.request("GET", "/api/v1/analytics/system?days=7", headers: admin).json
    let users = try #require(system["users"] as? [String: Any])
    #expect(users["students"] as? Int == 5 && users["instructors"] as? Int == 2 && users["admins"] as? Int == 1 && users["active"] as? Int == 8)
    #expect(system["enrollments"] as? Int == 5 && system["lesson_completions"] as? Int == 6 && system["attempts_submitted"] as? Int == 5)
    let row = try #require((system["courses"] as? [[String: Any]])?.first)
    #expect(row["completion_rate"] as? Double == 20 && row["average_rating"] as? Double == 4.5 && row["reviews"] as? Int == 2)
    let today = try #require((system["activity"] as? [[String: Any]])?.last)
    #expect(today["registrations"] as? Int == 5 && today["lesson_completions"] as? Int == 6 && today["attempts_submitted"] as? Int == 5)
    #expect(try server.request("GET", "/api/v1/analytics/system?format=csv", headers: admin).text
        .hasSuffix("\r\nstats,Statistics Lab,5,4,20,75,0,2,4.5\r\n"))
    #expect(try server.request("GET", "/api/v1/analytics/system", headers: teacher).status == 403)
}
