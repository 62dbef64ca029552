// When the server grades quizzes, no URL it serves gives the answers away.
import Foundation
import LecternTesting
import Testing

@Test func noURLOfTheServerRevealsQuizAnswers() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Secrets\ncompletion: {require: quizzes}\n",
        "01-m/01-read.md": "# Read\n\nA lesson about [the quiz](02-q.quiz.yaml).\n",
        "01-m/02-q.quiz.yaml": """
        questions:
          - type: short
            prompt: The secret word?
            answers: [zanzibar-quokka-7]
            explanation: Because of marmalade-ostrich-3.
          - type: single
            prompt: Pick one
            choices:
              - {id: right-one, text: Plain A, correct: true, feedback: velvet-heron-9}
              - {id: wrong-one, text: Plain B}
          - type: numeric
            prompt: How many?
            answer: 86420.5
        """,
    ], name: "secrets")
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let server = try LecternProcess(["serve", course.url.path, "--port", "0", "--db", data.url.appendingPathComponent("l.db").path])
    let access = try #require(try registerAndLogin(server, "curious")["access_token"] as? String)
    let auth = ["Authorization": "Bearer \(access)"]
    _ = try server.request("POST", "/api/v1/enrollments", json: ["course": "secrets"], headers: auth)
    let attempt = try #require(try server.request("POST", "/api/v1/quizzes/m.q/attempts", headers: auth).json["id"] as? Int)

    // Every file of the served site, found by crawling its links from the catalog, and every GET of the API.
    var pending = ["/index.html", "/secrets/index.html"]
    var seen: Set<String> = []
    var bodies: [String: String] = [:]
    while let path = pending.popLast() {
        guard seen.insert(path).inserted, seen.count < 500 else { continue }
        let response = try server.request("GET", path, headers: auth)
        bodies[path] = response.text
        guard path.hasSuffix(".html") else { continue }
        let folder = (path as NSString).deletingLastPathComponent
        for match in response.text.matches(of: /(?:href|src)="([^"#?:]+)/) {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(String(match.1)).standardized.path
            if target.hasPrefix("/") && !target.contains("..") { pending.append(target) }
        }
    }
    for path in ["/api/v1/courses", "/api/v1/courses/secrets", "/api/v1/quizzes/m.q", "/api/v1/attempts/\(attempt)",
                 "/api/v1/progress/courses/secrets", "/api/v1/enrollments/my-courses"] {
        bodies[path] = try server.request("GET", path, headers: auth).text
    }
    #expect(bodies.keys.contains("/secrets/m/q.html"))
    #expect(bodies.keys.contains { $0.hasSuffix(".js") })
    for (path, body) in bodies {
        for secret in ["zanzibar-quokka-7", "marmalade-ostrich-3", "velvet-heron-9", "86420.5", "id=\"quiz-key\""] {
            #expect(!body.contains(secret), "\(path) reveals \(secret)")
        }
    }
}

@Test func aSiteBuiltWithAnswersIsNotServed() throws {
    let scratch = try TemporaryCourse(["keep": ""], name: "data")
    let site = scratch.url.appendingPathComponent("site")
    let sample = sampleCourse("python-foundations").path
    #expect(try runLectern("build", sample, "--out", site.path).exitCode == 0)
    let refused = try runLectern("serve", sample, "--site", site.path, "--port", "0", "--db", scratch.url.appendingPathComponent("l.db").path)
    #expect(refused.exitCode == 1 && refused.stderr.contains("was not built with 'lectern build --server-grading'"), "\(refused.stderr)")

    #expect(try runLectern("build", sample, "--out", site.path, "--server-grading").exitCode == 0)
    let server = try LecternProcess(["serve", sample, "--site", site.path, "--port", "0", "--db", scratch.url.appendingPathComponent("l.db").path])
    #expect(try server.request("GET", "/api/v1/health").status == 200)
}

@Test func serveSiteNeedsTheServerGradingMarkAndReadsPagesAsHTML() throws {
    let scratch = try TemporaryCourse(["keep": ""], name: "data")
    let site = scratch.url.appendingPathComponent("site")
    let sample = sampleCourse("python-foundations").path
    let database = scratch.url.appendingPathComponent("l.db").path
    #expect(try runLectern("build", sample, "--out", site.path, "--server-grading").exitCode == 0)
    let marker = site.appendingPathComponent(".lectern-server-grading")
    #expect(FileManager.default.fileExists(atPath: marker.path))

    // A site built for the browser, minified (unquoted attributes, upper-case tag) and given a copied mark.
    let answers = scratch.url.appendingPathComponent("answers")
    #expect(try runLectern("build", sample, "--out", answers.path).exitCode == 0)
    #expect(!FileManager.default.fileExists(atPath: answers.appendingPathComponent(".lectern-server-grading").path))
    let page = answers.appendingPathComponent("python-foundations/getting-started/check.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.contains("<script type=\"application/json\" id=\"quiz-key\">"))
    try html.replacingOccurrences(of: "<script type=\"application/json\" id=\"quiz-key\">", with: "<SCRIPT type=application/json id=quiz-key>")
        .write(to: page, atomically: true, encoding: .utf8)
    var refused = try runLectern("serve", sample, "--site", answers.path, "--port", "0", "--db", database)
    #expect(refused.exitCode == 1 && refused.stderr.contains("no .lectern-server-grading"), "\(refused.stderr)")
    try FileManager.default.copyItem(at: marker, to: answers.appendingPathComponent(".lectern-server-grading"))
    refused = try runLectern("serve", sample, "--site", answers.path, "--port", "0", "--db", database)
    #expect(refused.exitCode == 1 && refused.stderr.contains("check.html holds quiz answers"), "\(refused.stderr)")

    // The built-for-the-server site without its mark (copied without dotfiles) is refused too.
    try FileManager.default.removeItem(at: marker)
    refused = try runLectern("serve", sample, "--site", site.path, "--port", "0", "--db", database)
    #expect(refused.exitCode == 1 && refused.stderr.contains("was not built with 'lectern build --server-grading'"), "\(refused.stderr)")
}
