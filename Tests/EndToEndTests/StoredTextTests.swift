// Stored text is bounded (openapi.yaml states each bound as maxLength), NUL is refused with 422 instead
// of silently cutting the text, and control characters never reach a terminal from `lectern users list`.
import CourseModel
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func namesAreBoundedAndFreeOfControlCharacters(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let long = try server.request("POST", "/api/v1/auth/register", json: ["email": "long@example.org", "username": "long", "password": studentPassword,
                                                                           "name": String(repeating: "n", count: 200 * 1024)])
    #expect(long.status == 422 && long.json["code"] as? String == "name_too_long", "\(long.text.prefix(200))")
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "nina")["access_token"] as? String))"]
    #expect(try server.request("PATCH", "/api/v1/users/me", json: ["name": String(repeating: "é", count: 200)], headers: auth).status == 200)
    let tooLong = try server.request("PATCH", "/api/v1/users/me", json: ["name": String(repeating: "é", count: 201)], headers: auth)
    #expect(tooLong.status == 422 && tooLong.json["code"] as? String == "name_too_long")
    let escape = try server.request("PATCH", "/api/v1/users/me", json: ["name": "Nina \u{1B}[2J\u{1B}[31mAdmin"], headers: auth)
    #expect(escape.status == 422 && escape.json["code"] as? String == "name_invalid")
    #expect(try server.request("GET", "/api/v1/users/me", headers: auth).json["name"] as? String == String(repeating: "é", count: 200))
}

@Test(arguments: StoreKind.tested) func nulIsRefusedRatherThanCutting(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "nul")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    for (method, path, body) in [("PATCH", "/api/v1/users/me", ["name": "Nul\u{0}Admin"]),
                                 ("POST", "/api/v1/reviews", ["course": "python-foundations", "rating": 4, "comment": "fine\u{0}hidden"] as [String: Any]),
                                 ("POST", "/api/v1/auth/login", ["login": "nul\u{0}x", "password": studentPassword])] {
        let refused = try server.request(method, path, json: body, headers: auth)
        #expect(refused.status == 422 && refused.json["code"] as? String == "text_nul", "\(path): \(refused.text)")
    }
    #expect(try server.request("GET", "/api/v1/users/me", headers: auth).json["name"] as? String == "Nul")
}

@Test(arguments: StoreKind.tested) func quizAnswersAreBoundedPerAnswerAndPerAttempt(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let quiz = try Loader.load(sampleCourse("python-foundations")).course.quizzes[0]
    let question = quiz.questions[0].id
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "quinn")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    let id = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
    let answers = "/api/v1/attempts/\(id)/answers"
    func save(_ list: [[String: Any]]) throws -> (status: Int, code: String?) {
        let answer = try server.request("PUT", answers, json: ["answers": list], headers: auth)
        return (answer.status, answer.json["code"] as? String)
    }
    #expect(try save([["question_id": question, "answer": String(repeating: "a", count: 1000)]]).status == 204)
    #expect(try save([["question_id": question, "answer": String(repeating: "a", count: 1001)]]) == (422, "answer_too_long"))
    #expect(try save([["question_id": question, "answer": (0...100).map { "c\($0)" }]]) == (422, "answer_too_long"))
    // Repeats of one question (the last one counts) cannot pad an attempt beyond its bounds either.
    #expect(try save(Array(repeating: ["question_id": question, "answer": String(repeating: "a", count: 1000)], count: 51)) == (422, "answers_too_long"))
    #expect(try save(Array(repeating: ["question_id": question, "answer": true], count: 1001)) == (422, "answers_too_long"))
    let submitted = try server.request("POST", "/api/v1/attempts/\(id)/submit",
                                       json: ["answers": [["question_id": question, "answer": String(repeating: "b", count: 5000)]]], headers: auth)
    #expect(submitted.status == 422)
}
