// A learner who completes a course gets a certificate: a real PDF with their name and a code anyone can verify.
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import CourseModel
import Foundation
import LecternTesting
import Testing

/// The answers that pass a question, as the API takes them.
func correctAnswer(_ question: Question) -> Any {
    switch question.answer {
    case .single(let choices): choices.first { $0.isCorrect }!.id
    case .multiple(let choices): choices.filter(\.isCorrect).map(\.id)
    case .trueFalse(let value): value
    case .short(let accepted, _, _): accepted[0]
    case .numeric(let value, _): value
    }
}

@Test func completingACourseEarnsAVerifiableCertificate() throws {
    let (server, data) = try startServer(staff: [adminAccount])
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let access = try #require(try registerAndLogin(server, "graduate")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)

    for lesson in course.lessons { _ = try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: auth) }
    #expect(try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).text == "[]")  // quizzes still to pass
    for quiz in course.quizzes {
        let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
        let answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
        #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth).json["passed"] as? Bool == true)
    }
    let list = try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth)
    let certificate = try #require((try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])?.first)
    let id = try #require(certificate["id"] as? Int)
    let code = try #require(certificate["code"] as? String)
    #expect(code.count >= 20)

    // The PDF opens and says who, what and the code (pdftotext from poppler-utils reads it).
    let pdf = try server.request("GET", "/api/v1/certificates/\(id)/download", headers: auth)
    #expect(pdf.status == 200 && (pdf.headers["Content-Type"] as? String) == "application/pdf")
    let file = data.url.appendingPathComponent("certificate.pdf")
    let (bytes, _) = try HTTPClient.send({
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/certificates/\(id)/download")!)
        request.setValue("Bearer \(access)", forHTTPHeaderField: "Authorization")
        return request
    }())
    try bytes.write(to: file)
    let text = try runTool("/usr/bin/pdftotext", [file.path, "-"]).output
    #expect(text.contains("Graduate") && text.contains(code) && text.contains(course.title), "\(text)")

    // Anyone can verify the code; a made-up code is unknown; a revoked certificate verifies as revoked.
    let verified = try server.request("GET", "/api/v1/certificates/verify/\(code)")
    #expect(verified.json["valid"] as? Bool == true && verified.json["learner"] as? String == "Graduate")
    #expect(try server.request("GET", "/api/v1/certificates/verify/\(SecureCode.random())").status == 404)
    // The public page says the same to anyone, without JavaScript.
    let page = try server.request("GET", "/verify/\(code)")
    #expect(page.status == 200 && page.text.contains("Valid certificate") && page.text.contains("Graduate completed \(course.title)"))
    #expect(try server.request("GET", "/verify/\(SecureCode.random())").status == 404)
    #expect(try server.request("GET", "/api/v1/certificates/\(id)/download").status == 401)
    #expect(try server.request("POST", "/api/v1/certificates/\(id)/revoke", headers: auth).status == 403)
    let admin = try token(server, "admin")
    #expect(try server.request("POST", "/api/v1/certificates/\(id)/revoke", headers: ["Authorization": "Bearer \(admin)"]).status == 204)
    let revoked = try server.request("GET", "/api/v1/certificates/verify/\(code)")
    #expect(revoked.json["valid"] as? Bool == false && revoked.json["revoked"] as? Bool == true)
    #expect(try server.request("GET", "/verify/\(code)").text.contains("Revoked certificate"))
}

enum SecureCode {
    static func random() -> String { String((0..<20).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement()! }) }
}
