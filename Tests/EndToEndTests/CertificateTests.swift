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

@Test(arguments: StoreKind.tested) func completingACourseEarnsAVerifiableCertificate(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store, staff: [adminAccount])
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let access = try #require(try registerAndLogin(server, "graduate")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)

    for lesson in course.lessons { _ = try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: auth) }
    #expect(try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["total"] as? Int == 0)  // quizzes still to pass
    for quiz in course.quizzes {
        let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
        let answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
        #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth).json["passed"] as? Bool == true)
    }
    let list = try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth)
    let certificate = try #require((list.json["items"] as? [[String: Any]])?.first)
    let id = try #require(certificate["id"] as? Int)
    let code = try #require(certificate["code"] as? String)
    #expect(code.count >= 20)
    // The learner is told, once, in the inbox, with the way to the verification page.
    let inbox = try server.request("GET", "/api/v1/notifications", headers: auth).json
    let told = (inbox["items"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "certificate_issued" }
    #expect(told.count == 1 && told.first?["link"] as? String == "verify/\(code)" && told.first?["course"] as? String == "python-foundations",
            "\(inbox)")
    #expect(inbox["unread"] as? Int == 1)

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

/// A one-lesson course with a one-question quiz and certificates on; a learner named `name` earns one.
/// Returns the server, its data folder, the certificate's id and the learner's Authorization header.
private func certificateEarned(by name: String, options: [String] = []) throws -> (LecternProcess, TemporaryCourse, TemporaryCourse, Int, [String: String]) {
    let course = try TemporaryCourse([
        "course.yaml": "title: Short\ncompletion: {require: all, mastery_score: 50}\ncertificate: {}\n",
        "01-m/01-a.md": "# A\n\nFirst.\n",
        "01-m/02-q.quiz.yaml": "id: q\nquestions:\n  - id: t\n    type: true_false\n    prompt: True?\n    answer: true\n",
    ], name: "short")
    let (server, data) = try startServer(course.url, options: options)
    let created = try server.request("POST", "/api/v1/auth/register",
                                     json: ["email": "named@example.org", "username": "named", "password": studentPassword, "name": name])
    #expect(created.status == 201, "\(created.text)")
    let auth = ["Authorization": "Bearer \(try token(server, "named"))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "short"], headers: auth).status == 201)
    #expect(try server.request("POST", "/api/v1/progress/lessons/m.a/complete", headers: auth).status == 200)
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/q/attempts", headers: auth).json["id"] as? Int)
    let answers = [["question_id": "t", "answer": true]]
    #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth).json["passed"] as? Bool == true)
    let list = try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth)
    let id = try #require(((list.json["items"] as? [[String: Any]])?.first)?["id"] as? Int, "\(list.text)")
    return (server, data, course, id, auth)
}

@Test func aLongNameIsSetSmallerAndWrappedInsideThePage() throws {
    let name = "Maximiliana Wilhelmina Theodora Josephina von Hohenzollern-Sigmaringen-Hechingen"
    let (server, data, _, id, auth) = try certificateEarned(by: name)
    let (bytes, response) = try HTTPClient.send({
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/certificates/\(id)/download")!)
        for (field, value) in auth { request.setValue(value, forHTTPHeaderField: field) }
        return request
    }())
    #expect(response.statusCode == 200 && response.value(forHTTPHeaderField: "Cache-Control") == "no-store")
    let file = data.url.appendingPathComponent("certificate.pdf")
    try bytes.write(to: file)
    // pdftotext -bbox: every word with its box, in points from the page's top left.
    let boxes = try runTool("/usr/bin/pdftotext", ["-bbox", file.path, "-"]).output
    let pageWidth = try #require(boxes.firstMatch(of: /<page width="([0-9.]+)"/).flatMap { Double($0.1) })
    let words = boxes.matches(of: /<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)<\/word>/)
        .map { (left: Double($0.1)!, right: Double($0.2)!, text: String($0.3)) }
    #expect(name.split(separator: " ").allSatisfy { part in words.contains { $0.text == part } }, "\(boxes)")
    for word in words { #expect(word.left >= 40 && word.right <= pageWidth - 40, "\(word) runs past the border") }
}

@Test func aNameTheFontCannotSetIsRefusedWithTheLetters() throws {
    let (server, _, _, id, auth) = try certificateEarned(by: "山田 太郎")
    let refused = try server.request("GET", "/api/v1/certificates/\(id)/download", headers: auth)
    #expect(refused.status == 422, "\(refused.text)")
    let detail = try #require(refused.json["detail"] as? String)
    #expect(detail.hasPrefix("the certificate cannot be printed: its font cannot set '山' (U+5C71), '田' (U+7530), '太' (U+592A), '郎' (U+90CE) in '山田 太郎'"), "\(detail)")
    // Greek, Cyrillic and accented Latin names print.
    let (greek, data, _, greekID, greekAuth) = try certificateEarned(by: "Ζωή Ιβάνοβα-Müller")
    let pdf = try greek.request("GET", "/api/v1/certificates/\(greekID)/download", headers: greekAuth)
    #expect(pdf.status == 200)
    withExtendedLifetime(data) {}
}

@Test func aCertificateNamesTheServersPublicVerificationAddress() throws {
    let refused = try runLectern("serve", "--public-url", "ftp://school.example/", "no-such-folder")
    #expect(refused.exitCode != 0 && refused.stderr.contains("--public-url must be an http:// or https:// address"), "\(refused.stderr)")
    let (server, data, _, id, auth) = try certificateEarned(by: "Nadia", options: ["--public-url", "https://school.example/kiosk"])
    let code = try #require(((try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["items"] as? [[String: Any]])?
        .first)?["code"] as? String)
    let (bytes, _) = try HTTPClient.send({
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/certificates/\(id)/download")!)
        for (field, value) in auth { request.setValue(value, forHTTPHeaderField: field) }
        return request
    }())
    let file = data.url.appendingPathComponent("certificate.pdf")
    try bytes.write(to: file)
    let text = try runTool("/usr/bin/pdftotext", [file.path, "-"]).output
    #expect(text.contains("Verify at https://school.example/kiosk/verify/\(code)"), "\(text)")
    // The pages name their public address too.
    #expect(try server.get("/short/index.html").body.contains("https://school.example/kiosk/short/index.html"))
}

/// A certificate's PDF as text (pdftotext from poppler-utils), fetched with the learner's header.
private func certificateText(_ server: LecternProcess, id: Int, auth: [String: String], folder: URL) throws -> String {
    let (bytes, response) = try HTTPClient.send({
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/certificates/\(id)/download")!)
        for (field, value) in auth { request.setValue(value, forHTTPHeaderField: field) }
        return request
    }())
    #expect(response.statusCode == 200)
    let file = folder.appendingPathComponent("certificate-\(id).pdf")
    try bytes.write(to: file)
    return try runTool("/usr/bin/pdftotext", [file.path, "-"]).output
}

@Test func theSpanishSamplesCertificateAndVerificationPageAreInSpanish() throws {
    let (server, data) = try startServer(sampleCourse("huerto-escolar"))
    let course = try Loader.load(sampleCourse("huerto-escolar")).course
    #expect(course.language == "es")
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "lucia")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": course.slug], headers: auth).status == 201)
    for lesson in course.lessons { _ = try server.request("POST", "/api/v1/progress/lessons/\(lesson.id)/complete", headers: auth) }
    for quiz in course.quizzes {
        let attempt = try #require(try server.request("POST", "/api/v1/quizzes/\(quiz.id)/attempts", headers: auth).json["id"] as? Int)
        let answers = quiz.questions.map { ["question_id": $0.id, "answer": correctAnswer($0)] }
        #expect(try server.request("POST", "/api/v1/attempts/\(attempt)/submit", json: ["answers": answers], headers: auth).status == 200)
    }
    let certificate = try #require((try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["items"] as? [[String: Any]])?.first)
    let id = try #require(certificate["id"] as? Int), code = try #require(certificate["code"] as? String)
    let text = try certificateText(server, id: id, auth: auth, folder: data.url)
    for expected in ["Certificado de finalización", "Lucia", "ha completado el curso", "El huerto escolar", "horas", "Código de verificación: \(code)",
                     "Para comprobar este certificado, entregue su código a la escuela que lo emitió.", "Lucía Fernández, coordinadora del huerto"] {
        #expect(text.contains(expected), "missing '\(expected)' in \(text)")
    }
    #expect(!text.contains("Certificate of completion") && !text.contains("/verify/"), "\(text)")
    let page = try server.request("GET", "/verify/\(code)")
    #expect(page.status == 200 && page.text.contains("<html lang=\"es\" dir=\"ltr\">") && page.text.contains("Certificado válido")
            && page.text.contains("Lucia completó El huerto escolar."), "\(page.text)")
}

@Test func aCourseNamesItsOwnCertificateTitleTextAndSignatory() throws {
    let course = try TemporaryCourse([
        "course.yaml": """
        title: Plot Keeping
        completion: {require: lessons}
        certificate:
          title: Diploma in Gardening
          text: has shown great care in
          signatory: Ms. Rivera, Head Teacher
        """,
        "01-m/01-a.md": "# A\n\nFirst.\n",
    ], name: "plots")
    let (server, data) = try startServer(course.url, options: ["--public-url", "https://school.example/"])
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "rosa")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "plots"], headers: auth).status == 201)
    #expect(try server.request("POST", "/api/v1/progress/lessons/m.a/complete", headers: auth).status == 200)
    let certificate = try #require((try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["items"] as? [[String: Any]])?.first)
    let id = try #require(certificate["id"] as? Int), code = try #require(certificate["code"] as? String)
    let text = try certificateText(server, id: id, auth: auth, folder: data.url)
    for expected in ["Diploma in Gardening", "Rosa", "has shown great care in", "Plot Keeping", "Ms. Rivera, Head Teacher",
                     "Verify at https://school.example/verify/\(code)"] {
        #expect(text.contains(expected), "missing '\(expected)' in \(text)")
    }
    #expect(!text.contains("Certificate of completion") && !text.contains("has completed the course"), "\(text)")
}

@Test func certificateWordingIsCheckedWithItsPlace() throws {
    let course = try TemporaryCourse([
        "course.yaml": """
        title: Checked
        certificate:
          title: ""
          text: \(String(repeating: "long ", count: 40))
          signatory: [Ms. Rivera]
          sigantory: Mr. Typo
        """,
        "01-m/01-a.md": "# A\n\nFirst.\n",
    ], name: "checked")
    let result = try runLectern("check", course.url.path)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("course.yaml:3:10: error: certificate 'title' is empty"), "\(result.stderr)")
    #expect(result.stderr.contains("course.yaml:4:9: error: certificate 'text' is 199 characters long; at most 160 fit on the page"), "\(result.stderr)")
    #expect(result.stderr.contains("course.yaml:5:14: error: 'signatory' must be text, found a list"), "\(result.stderr)")
    #expect(result.stderr.contains("sigantory"), "\(result.stderr)")
}

@Test func anArabicCoursesVerificationPageIsInArabicAndItsPDFInEnglishWords() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Garden\nlanguage: ar\ncompletion: {require: lessons}\ncertificate: {}\n",
        "01-m/01-a.md": "# A\n\nFirst.\n",
    ], name: "garden-ar")
    let (server, data) = try startServer(course.url)
    let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "samir")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "garden-ar"], headers: auth).status == 201)
    #expect(try server.request("POST", "/api/v1/progress/lessons/m.a/complete", headers: auth).status == 200)
    let certificate = try #require((try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["items"] as? [[String: Any]])?.first)
    let id = try #require(certificate["id"] as? Int), code = try #require(certificate["code"] as? String)
    // libharu cannot lay out Arabic: the PDF prints, in English words, rather than reversed, unjoined letters.
    let text = try certificateText(server, id: id, auth: auth, folder: data.url)
    #expect(text.contains("Certificate of completion") && text.contains("To check this certificate, give its code to the school that issued it."), "\(text)")
    let page = try server.request("GET", "/verify/\(code)")
    #expect(page.text.contains("<html lang=\"ar\" dir=\"rtl\">") && page.text.contains("شهادة صالحة") && page.text.contains("أتمّ Samir الدورة Garden."), "\(page.text)")
    let unknown = try server.request("GET", "/verify/\(SecureCode.random())")
    #expect(unknown.status == 404 && unknown.text.contains("<html lang=\"en\" dir=\"ltr\">") && unknown.text.contains("Unknown code"))
}
