// Assignments on the kiosk over real HTTP with a real database: learners hand in text and files (streamed
// to disk, checked by content), staff list, download, ZIP and grade them; hostile uploads store nothing.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LecternTesting
import Testing
import Zip

/// A course with three assignments: an essay due far ahead (text and files, 1 MB), one past due that
/// still takes late work, and one past due that refuses it.
func assignmentCourse() throws -> TemporaryCourse {
    try TemporaryCourse([
        "course.yaml": """
        title: Letters
        slug: letters
        timezone: Europe/Madrid
        completion: {require: lessons}
        instructors:
          - {name: Ada Okafor, email: ada@example.org}
        """,
        "01-m/01-read.md": "# Read\n\nA letter.\n",
        "01-m/02-essay.assignment.md": "---\ntitle: Essay\npoints: 20\ndue: 2099-01-01\nfile_types: [pdf, png, txt, docx]\nmax_file_mb: 1\n---\nWrite.\n",
        "01-m/03-diary.assignment.md": "---\ntitle: Diary\npoints: 10\ndue: 2020-01-01\nsubmission: text\n---\nWrite.\n",
        "01-m/04-closed.assignment.md": "---\ntitle: Closed\npoints: 10\ndue: 2020-01-01 12:00\nlate: refuse\n---\nWrite.\n",
    ])
}

/// The server for `assignmentCourse` with its files folder, Ada (instructor), and two enrolled learners.
func startAssignmentServer(_ store: StoreKind, options: [String] = []) throws
    -> (LecternProcess, TemporaryCourse, TemporaryCourse, URL, [String: [String: String]]) {
    let course = try assignmentCourse()
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let files = data.url.appendingPathComponent("files")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    for (username, role) in [("ada", "instructor"), ("otherteacher", "instructor"), ("admin", "admin")] {
        try addUser(database, email: "\(username)@example.org", username: username, role: role)
    }
    let server = try LecternProcess(["serve", course.url.path, "--port", "0", "--db", database, "--files", files.path] + options)
    var auth: [String: [String: String]] = [:]
    for name in ["ana", "ben"] {
        try registerAndLogin(server, name)
        auth[name] = ["Authorization": "Bearer \(try token(server, name))"]
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "letters"], headers: auth[name]!).status == 201)
    }
    for name in ["ada", "otherteacher", "admin"] { auth[name] = ["Authorization": "Bearer \(try token(server, name))"] }
    return (server, course, data, files, auth)
}

/// Sends one file as a raw body, its name in `?name=`.
func upload(_ server: LecternProcess, _ assignment: String, name: String, _ bytes: Data, headers: [String: String])
    throws -> (status: Int, json: [String: Any], text: String, headers: [AnyHashable: Any]) {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-_.")
    let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed)!
    return try server.request("POST", "/api/v1/courses/letters/assignments/\(assignment)/submission/files?name=\(encoded)", body: bytes,
                              headers: headers.merging(["Content-Type": "application/octet-stream"]) { $1 })
}

/// The bytes of a GET, undecoded (downloads are binary).
func download(_ server: LecternProcess, _ path: String, headers: [String: String]) throws -> (Int, Data, HTTPURLResponse) {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let (data, response) = try HTTPClient.send(request)
    return (response.statusCode, data, response)
}

let pdfBytes = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
let pngBytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 40))

/// Every file kept in the files folder's submissions/ (content-addressed: a SHA-256 per file).
func storedFiles(_ files: URL) -> [String] {
    let folder = files.appendingPathComponent("submissions")
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.split(separator: "/").last?.count == 64 }.sorted()
}

@Test(arguments: StoreKind.tested) func learnersHandInAndStaffDownloadAndGrade(_ store: StoreKind) throws {
    let (server, course, data, files, auth) = try startAssignmentServer(store)
    defer { withExtendedLifetime((course, data)) {} }
    let base = "/api/v1/courses/letters/assignments"

    // Nothing yet; Ana writes her text, then a PDF and a photo; replacing the text keeps the files.
    #expect(try server.request("GET", "\(base)/m.essay/submission", headers: auth["ana"]!).status == 404)
    let text = try server.request("PUT", "\(base)/m.essay/submission", json: ["text": "Dear friend,"], headers: auth["ana"]!)
    #expect(text.status == 200 && text.json["text"] as? String == "Dear friend," && text.json["late"] as? Bool == false, "\(text.text)")
    let pdf = try upload(server, "m.essay", name: "mi carta.pdf", pdfBytes, headers: auth["ana"]!)
    #expect(pdf.status == 201, "\(pdf.text)")
    #expect(try upload(server, "m.essay", name: "photo.png", pngBytes, headers: auth["ana"]!).status == 201)
    let replaced = try server.request("PUT", "\(base)/m.essay/submission", json: ["text": "Dear friend, hello."], headers: auth["ana"]!)
    let anaFiles = try #require(replaced.json["files"] as? [[String: Any]])
    #expect(anaFiles.map { $0["name"] as? String } == ["mi carta.pdf", "photo.png"] && anaFiles[0]["content_type"] as? String == "application/pdf")
    #expect(!replaced.text.contains("sha256"), "content hashes stay on the server")
    #expect(storedFiles(files).count == 2)
    // Ben hands in the same PDF: one copy on disk.
    #expect(try upload(server, "m.essay", name: "letter.pdf", pdfBytes, headers: auth["ben"]!).status == 201)
    #expect(storedFiles(files).count == 2)

    // Learners see only their own; staff of the course see all; a learner cannot read the list.
    let submissionID = try #require(replaced.json["id"] as? Int)
    let fileID = try #require(anaFiles[0]["id"] as? Int)
    #expect(try download(server, "/api/v1/submissions/\(submissionID)/files/\(fileID)", headers: auth["ben"]!).0 == 404)
    #expect(try server.request("GET", "\(base)/m.essay/submissions", headers: auth["ana"]!).status == 403)
    let (status, bytes, response) = try download(server, "/api/v1/submissions/\(submissionID)/files/\(fileID)", headers: auth["ada"]!)
    #expect(status == 200 && bytes == pdfBytes)
    #expect((response.value(forHTTPHeaderField: "Content-Disposition") ?? "").contains("filename*=UTF-8''mi%20carta.pdf"))
    #expect(try download(server, "/api/v1/submissions/\(submissionID)/files/\(fileID)", headers: auth["ana"]!).1 == pdfBytes)
    let listed = try server.request("GET", "\(base)/m.essay/submissions", headers: auth["ada"]!)
    let all = try #require(listed.json["items"] as? [[String: Any]])
    #expect(listed.json["total"] as? Int == 2)
    #expect(all.map { $0["username"] as? String } == ["ana", "ben"])
    // The files are not in the served site.
    #expect(try server.request("GET", "/lectern-files/submissions/").status == 404)

    // The ZIP of everything: a folder per learner.
    let (zipStatus, zipBytes, zipResponse) = try download(server, "\(base)/m.essay/submissions/archive", headers: auth["ada"]!)
    #expect(zipStatus == 200 && zipResponse.value(forHTTPHeaderField: "Content-Type") == "application/zip")
    let zipPath = data.url.appendingPathComponent("all.zip")
    try zipBytes.write(to: zipPath)
    let reader = ZipReader(path: zipPath.path)
    #expect(try reader.names().sorted() == ["ana/mi carta.pdf", "ana/photo.png", "ana/text.txt", "ben/letter.pdf"])
    #expect(try reader.data("ana/text.txt") == Data("Dear friend, hello.".utf8))

    // Grading: points within the assignment's, by its staff; then the learner sees it and can no longer change it.
    #expect(try server.request("PUT", "/api/v1/submissions/\(submissionID)/grade", json: ["points": 21], headers: auth["ada"]!).status == 422)
    // Another learner finds no such submission; its own learner may not grade it.
    #expect(try server.request("PUT", "/api/v1/submissions/\(submissionID)/grade", json: ["points": 5], headers: auth["ben"]!).status == 404)
    #expect(try server.request("PUT", "/api/v1/submissions/\(submissionID)/grade", json: ["points": 20], headers: auth["ana"]!).status == 403)
    let graded = try server.request("PUT", "/api/v1/submissions/\(submissionID)/grade", json: ["points": 18, "feedback": "Lovely."], headers: auth["ada"]!)
    #expect(graded.status == 200 && graded.json["points"] as? Double == 18, "\(graded.text)")
    let seen = try server.request("GET", "\(base)/m.essay/submission", headers: auth["ana"]!)
    // Her inbox says so, with the grade.
    let inbox = try server.request("GET", "/api/v1/notifications", headers: auth["ana"]!)
    let notice = try #require((inbox.json["items"] as? [[String: Any]])?.first { $0["kind"] as? String == "assignment_graded" }, "\(inbox.text)")
    #expect(notice["subject"] as? String == "Essay" && notice["detail"] as? String == "18 / 20" && notice["link"] as? String == "letters/m/essay.html",
            "\(notice)")
    #expect(seen.json["points"] as? Double == 18 && seen.json["feedback"] as? String == "Lovely." && seen.json["graded_at"] is String)
    // The gradebook carries the points, in JSON and in the CSV's column per assignment.
    let book = try server.request("GET", "/api/v1/courses/letters/gradebook", headers: auth["ada"]!)
    let rows = try #require(book.json["learners"] as? [[String: Any]])
    let anaRow = try #require(rows.first { $0["username"] as? String == "ana" })
    #expect(((anaRow["assignments"] as? [String: Any])?["m.essay"] as? [String: Any])?["points"] as? Double == 18, "\(book.text)")
    let csv = try server.request("GET", "/api/v1/courses/letters/gradebook?format=csv", headers: auth["ada"]!).text
    // Course analytics count the hand-ins per assignment.
    let analytics = try server.request("GET", "/api/v1/analytics/courses/letters", headers: auth["ada"]!)
    let essayReport = try #require((analytics.json["assignments"] as? [[String: Any]])?.first)
    #expect(essayReport["submitted"] as? Int == 2 && essayReport["graded"] as? Int == 1 && essayReport["average_points"] as? Double == 18,
            "\(analytics.text)")
    let table = try server.request("GET", "/api/v1/analytics/courses/letters?format=csv&table=assignments", headers: auth["ada"]!).text
    #expect(table.hasPrefix("assignment,title,points,submitted,late,graded,average_points") && table.contains("m.essay,Essay,20,2,0,1,18"), "\(table)")
    #expect(csv.contains("m.essay_points,m.diary_points,m.closed_points") && csv.contains(",18,,,"), "\(csv)")
    let locked = try server.request("PUT", "\(base)/m.essay/submission", json: ["text": "changed"], headers: auth["ana"]!)
    #expect(locked.status == 409 && locked.json["code"] as? String == "already_graded")
    #expect(try upload(server, "m.essay", name: "more.pdf", pdfBytes, headers: auth["ana"]!).status == 409)
    #expect(try server.request("DELETE", "\(base)/m.essay/submission/files/\(fileID)", headers: auth["ana"]!).status == 409)

    // Ben removes his file before grading: it stays on disk while Ana's submission names the same bytes.
    let benFile = try #require(((try server.request("GET", "\(base)/m.essay/submission", headers: auth["ben"]!).json["files"]) as? [[String: Any]])?.first?["id"] as? Int)
    #expect(try server.request("DELETE", "\(base)/m.essay/submission/files/\(benFile)", headers: auth["ben"]!).status == 204)
    #expect(storedFiles(files).count == 2)

    // Late: marked late when the assignment takes late work, refused when it does not.
    let late = try server.request("PUT", "\(base)/m.diary/submission", json: ["text": "Today…"], headers: auth["ben"]!)
    #expect(late.status == 200 && late.json["late"] as? Bool == true)
    let refused = try server.request("PUT", "\(base)/m.closed/submission", json: ["text": "Too late"], headers: auth["ben"]!)
    #expect(refused.status == 403 && refused.json["code"] as? String == "past_due")
    // A text-only assignment takes no files; staff and strangers hand nothing in.
    #expect(try upload(server, "m.diary", name: "a.pdf", pdfBytes, headers: auth["ben"]!).status == 415)
    #expect(try server.request("PUT", "\(base)/m.essay/submission", json: ["text": "x"], headers: auth["ada"]!).status == 403)
    #expect(try server.request("PUT", "\(base)/m.essay/submission", json: ["text": "x"]).status == 401)
    #expect(try server.request("PUT", "\(base)/m.nope/submission", json: ["text": "x"], headers: auth["ben"]!).status == 404)
}

@Test(arguments: StoreKind.tested) func hostileUploadsAreRefusedAndNothingIsStored(_ store: StoreKind) throws {
    let (server, course, data, files, auth) = try startAssignmentServer(store, options: ["--files-budget-mb", "1"])
    defer { withExtendedLifetime((course, data)) {} }
    let ana = auth["ana"]!
    func refused(_ name: String, _ bytes: Data, _ status: Int, _ code: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let answer = try upload(server, "m.essay", name: name, bytes, headers: ana)
        // A NUL in the query may already be refused by the request's parsing (400); either way, JSON.
        #expect(answer.status == status || (status == 422 && answer.status == 400), "\(name): \(answer.text)", sourceLocation: sourceLocation)
        #expect(answer.json["detail"] is String, "\(name): a JSON error", sourceLocation: sourceLocation)
        if let code { #expect(answer.json["code"] as? String == code, "\(name): \(answer.text)", sourceLocation: sourceLocation) }
    }
    // Over the assignment's 1 MB; a type it does not take; content that is not what the name says.
    try refused("big.pdf", pdfBytes + Data(count: 1_100_000), 413, "file_too_large")
    try refused("tool.exe", Data("MZ".utf8), 415, "wrong_file_type")
    try refused("photo.png", pdfBytes, 415, "wrong_file_type")
    try refused("notes.txt", Data([0x41, 0x00, 0x42]), 415, "wrong_file_type")
    // Names with a path, NUL or control characters.
    for name in ["../../etc/passwd.pdf", "a/b.pdf", "..\\x.pdf", "nul\u{0}.pdf", "bell\u{7}.pdf", "line\nbreak.pdf", ".hidden.pdf"] {
        try refused(name, pdfBytes, 422)
    }
    // A document whose ZIP holds an entry outside its folder.
    let zipPath = data.url.appendingPathComponent("evil.docx").path
    let writer = ZipWriter(path: zipPath)
    writer.add(Data("<w/>".utf8), at: "word/document.xml")
    writer.add(Data("owned".utf8), at: "../../evil.sh")
    try writer.close()
    try refused("essay.docx", try Data(contentsOf: URL(fileURLWithPath: zipPath)), 415, "wrong_file_type")
    #expect(storedFiles(files).isEmpty)
    #expect(try server.request("GET", "/api/v1/courses/letters/assignments/m.essay/submission", headers: ana).status == 404)

    // An upload cut off half-way keeps nothing.
    let head = "POST /api/v1/courses/letters/assignments/m.essay/submission/files?name=cut.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: \(ana["Authorization"]!)\r\nContent-Type: application/pdf\r\nContent-Length: 500000\r\n\r\n%PDF-1.4 only the start"
    _ = try? rawHTTP(port: server.port, head, timeout: 1)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(storedFiles(files).isEmpty)
    let incoming = (try? FileManager.default.contentsOfDirectory(atPath: files.appendingPathComponent("incoming").path)) ?? []
    #expect(incoming.isEmpty, "\(incoming)")

    // The disk budget (1 MB here): a file that would pass it is refused with 507 and not kept.
    let large = pdfBytes + Data(repeating: 0x20, count: 700_000)
    #expect(try upload(server, "m.essay", name: "one.pdf", large, headers: ana).status == 201)
    let second = try upload(server, "m.essay", name: "two.pdf", pdfBytes + Data(repeating: 0x21, count: 700_000), headers: auth["ben"]!)
    #expect(second.status == 507 && second.json["code"] as? String == "disk_budget", "\(second.text)")
    #expect(storedFiles(files).count == 1)
    #expect(try server.request("GET", "/api/v1/courses/letters/assignments/m.essay/submission", headers: auth["ben"]!).status == 404)

    // Ten files make a full submission: the eleventh is refused and not kept.
    for number in 2...10 {
        #expect(try upload(server, "m.essay", name: "note\(number).txt", Data("note \(number)\n".utf8), headers: ana).status == 201)
    }
    let eleventh = try upload(server, "m.essay", name: "note11.txt", Data("note 11\n".utf8), headers: ana)
    #expect(eleventh.status == 413 && eleventh.json["code"] as? String == "upload_limit", "\(eleventh.text)")
    #expect(storedFiles(files).count == 10)
}

@Test(arguments: StoreKind.tested) func assignmentRoutesCheckRoleAndOwnership(_ store: StoreKind) throws {
    let (server, course, data, _, auth) = try startAssignmentServer(store)
    defer { withExtendedLifetime((course, data)) {} }
    var headers = auth
    headers["anonymous"] = [:]
    let base = "/api/v1/courses/letters/assignments/m.essay"
    #expect(try upload(server, "m.essay", name: "first.pdf", pdfBytes, headers: auth["ana"]!).status == 201)
    let mine = try server.request("GET", "\(base)/submission", headers: auth["ana"]!)
    let submission = try #require(mine.json["id"] as? Int)
    let file = try #require((mine.json["files"] as? [[String: Any]])?.first?["id"] as? Int)

    let roles = ["anonymous", "ana", "ben", "ada", "otherteacher", "admin"]
    // Uploads: the raw body, refused before a byte is read without a valid token.
    for (role, status) in zip(roles, [401, 201, 201, 403, 403, 403]) {
        let answer = try upload(server, "m.essay", name: "\(role).pdf", pdfBytes, headers: headers[role]!)
        #expect(answer.status == status, "upload as \(role): \(answer.status) \(answer.text)")
    }
    let table: [(String, String, [String: Any]?, [Int])] = [
        ("GET", "\(base)/submission", nil, [401, 200, 200, 403, 403, 403]),
        ("PUT", "\(base)/submission", ["text": "Hello"], [401, 200, 200, 403, 403, 403]),
        ("GET", "\(base)/submissions", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "\(base)/submissions?class=999", nil, [401, 403, 403, 404, 403, 404]),
        ("GET", "\(base)/submissions/archive", nil, [401, 403, 403, 200, 403, 200]),
        ("GET", "/api/v1/courses/letters/assignments/m.nope/submissions", nil, [401, 403, 403, 404, 403, 404]),
        ("GET", "/api/v1/submissions/\(submission)/files/\(file)", nil, [401, 200, 404, 200, 404, 200]),
        ("GET", "/api/v1/submissions/999/files/\(file)", nil, [401, 404, 404, 404, 404, 404]),
        ("DELETE", "\(base)/submission/files/\(file)", nil, [401, 204, 404, 403, 403, 403]),
        ("PUT", "/api/v1/submissions/\(submission)/grade", ["points": 5, "feedback": "Good"], [401, 403, 404, 200, 404, 200]),
    ]
    for (method, path, body, expected) in table {
        for (role, status) in zip(roles, expected) {
            let response = try server.request(method, path, json: body, headers: headers[role]!)
            #expect(response.status == status, "\(method) \(path) as \(role): \(response.status) \(response.text)")
            #expect(status < 400 || response.json["detail"] is String, "\(method) \(path) as \(role): a JSON error")
        }
    }
}

@Test(arguments: StoreKind.tested) func aCertificateWaitsForAssignmentsThatCountForCompletion(_ store: StoreKind) throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Project\nslug: project\ncompletion: {require: lessons}\ncertificate: {}\ninstructors:\n  - {name: Ada, email: ada@example.org}\n",
        "01-m/01-read.md": "# Read\n\nText.\n",
        "01-m/02-build.assignment.md": "---\ntitle: Build it\npoints: 10\nsubmission: text\ncounts_for_completion: true\n---\nBuild.\n",
    ])
    let (server, data) = try startServer(store: store, course.url, staff: [("ada", "ada@example.org", "instructor")])
    defer { withExtendedLifetime((course, data)) {} }
    let ana = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "ana")["access_token"] as? String))"]
    let ada = ["Authorization": "Bearer \(try token(server, "ada"))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "project"], headers: ana).status == 201)
    #expect(try server.request("POST", "/api/v1/progress/lessons/m.read/complete", headers: ana).status == 200)
    func certificates() throws -> Int {
        try #require(try server.request("GET", "/api/v1/certificates/my-certificates", headers: ana).json["total"] as? Int)
    }
    // Every lesson viewed, but the assignment is not graded yet: no certificate.
    #expect(try certificates() == 0)
    let handedIn = try server.request("PUT", "/api/v1/courses/project/assignments/m.build/submission", json: ["text": "Done."], headers: ana)
    #expect(try certificates() == 0)
    let id = try #require(handedIn.json["id"] as? Int)
    #expect(try server.request("PUT", "/api/v1/submissions/\(id)/grade", json: ["points": 6], headers: ada).status == 200)
    #expect(try certificates() == 1)
}
