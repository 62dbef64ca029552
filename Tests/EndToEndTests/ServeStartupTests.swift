// `lectern serve` listens before it builds (issue 13, item 4): a real server on a course large enough
// that building it takes a while, polled from the moment it prints its address.
import Foundation
import LecternTesting
import Testing

/// A course of `lessons` lessons of ordinary Markdown, in modules of 50.
private func largeCourse(lessons: Int) throws -> TemporaryCourse {
    var files = ["course.yaml": "title: A large course\n"]
    let paragraph = String(repeating: "Learners read a lesson, try the code and move on to the next page of the course. ", count: 12)
    for index in 1...lessons {
        let module = (index - 1) / 50 + 1
        files[String(format: "%02d-part-%d/%03d-lesson-%d.md", module, module, index, index)] = """
        # Lesson \(index)

        \(paragraph)

        - one point
        - another point

        ```python
        print(\(index))
        ```
        """
    }
    return try TemporaryCourse(files, name: "large")
}

/// One GET over a plain socket (no URLSession: its first request alone can take longer than a build).
private func get(_ port: Int, _ path: String) throws -> (status: Int, text: String) {
    let text = try rawHTTP(port: port, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return (text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0, text)
}

@Test func serveAnswersWhileBuildingThenServes() throws {
    let course = try largeCourse(lessons: 600)
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let server = try LecternProcess(["serve", course.url.path, "--port", "0", "--db", data.url.appendingPathComponent("l.db").path],
                                    waitUntilBuilt: false)
    var answersWhileBuilding = 0
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
        // The page first: if /ready still says building afterwards, the page was asked for during the build.
        let page = try get(server.port, "/index.html")
        let health = try get(server.port, "/api/v1/health")
        #expect(health.status == 200 && health.text.hasSuffix(#"{"status":"ok"}"#), "\(health.text)")
        let ready = try get(server.port, "/api/v1/ready")
        if ready.status == 200 {
            #expect(ready.text.hasSuffix(#"{"courses_reload":0,"status":"ready"}"#), "\(ready.text)")
            break
        }
        answersWhileBuilding += 1
        #expect(ready.status == 503 && ready.text.contains("Retry-After: 5") && ready.text.hasSuffix(#"{"detail":"the courses are being built"}"#),
                "\(ready.text)")
        #expect(page.status == 503 && page.text.contains("Retry-After: 5") && page.text.contains("application/json")
                && page.text.contains(#"{"detail":"the server is starting"#), "\(page.text)")
        Thread.sleep(forTimeInterval: 0.02)
    }
    #expect(answersWhileBuilding > 0)
    let home = try get(server.port, "/index.html")
    #expect(home.status == 200 && home.text.contains("A large course"))
}

@Test func connectionOptionsAreChecked() throws {
    let course = sampleCourse("python-foundations").path
    let few = try runLectern("serve", course, "--max-connections", "5")
    #expect(few.exitCode == 64 && few.stderr.contains("--max-connections must be a number from 16 to 1000000"))
    let negative = try runLectern("serve", course, "--max-connections-per-address", "-1")
    #expect(negative.exitCode == 64 && negative.stderr.contains("--max-connections-per-address must be a number from 0"))
    let slow = try runLectern("serve", course, "--header-timeout", "forever")
    #expect(slow.exitCode == 64 && slow.stderr.contains("--header-timeout must be a number from 0 to 3600"))
}
