// The built site served by `lectern serve`, in headless Chromium: a learner registers on the site,
// enrolls, reads a lesson and takes a quiz graded by the server.
import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test func learnerUsesTheSiteWithTheServer() throws {
    let (server, _) = try startServer()
    let course = try Loader.load(sampleCourse("python-foundations")).course
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()

    // Register through the account page; the site signs the learner in.
    try browser.open(URL(string: "\(base)/account.html")!)
    try browser.wait(until: "!document.getElementById('lectern-register-form').closest('[hidden]')", timeout: 10)
    try browser.type("Site Learner", into: "#lectern-register-name")
    try browser.type("site@example.org", into: "#lectern-register-email")
    try browser.type("sitelearner", into: "#lectern-register-username")
    try browser.type(studentPassword, into: "#lectern-register-password")
    try browser.click("#lectern-register-form button[type=submit]")
    try browser.wait(until: "localStorage.getItem('lectern:v1:auth') !== null", timeout: 10)

    // Enroll from the course home.
    try browser.open(URL(string: "\(base)/python-foundations/index.html")!)
    try browser.wait(until: "document.querySelector('.course-enroll') && !document.querySelector('.course-enroll').hidden", timeout: 10)
    try browser.click(".course-enroll")
    let login = try server.request("POST", "/api/v1/auth/login", json: ["login": "sitelearner", "password": studentPassword])
    let auth = ["Authorization": "Bearer \(try #require(login.json["access_token"] as? String))"]
    let deadline = Date().addingTimeInterval(10)
    while try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth).json["total"] as? Int == 0, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.1)
    }

    // Reading a lesson records it on the server.
    let lesson = course.lessons[1]
    try browser.open(URL(string: "\(base)/python-foundations/\(try #require(SiteBuilder.pagePaths(for: course)[lesson.id]))")!)
    try waitForServer(server, auth: auth) { ($0["completed_lessons"] as? [String])?.contains(lesson.id) == true }

    // A quiz page served without answers is graded by the server.
    let quiz = course.quizzes[0]
    try browser.open(URL(string: "\(base)/python-foundations/\(try #require(SiteBuilder.pagePaths(for: course)[quiz.id]))")!)
    #expect(try browser.execute("return document.getElementById('quiz-key') === null") as? Bool == true)
    try browser.wait(until: "!document.querySelector('.quiz-submit').hidden", timeout: 10)
    for question in quiz.questions {
        switch question.answer {
        case .single(let choices): try browser.click("#q-\(cssEscaped(question.id))-\(cssEscaped(choices.first { $0.isCorrect }!.id))")
        case .multiple(let choices):
            for choice in choices where choice.isCorrect { try browser.click("#q-\(cssEscaped(question.id))-\(cssEscaped(choice.id))") }
        case .trueFalse(let value): try browser.click("#q-\(cssEscaped(question.id))-\(value ? "true" : "false")")
        case .short(let accepted, _, _): try browser.type(accepted[0], into: "#q-\(cssEscaped(question.id))-answer")
        case .numeric(let value, _): try browser.type(String(value), into: "#q-\(cssEscaped(question.id))-answer")
        }
    }
    try browser.click(".quiz-submit")
    try browser.wait(until: "document.querySelector('.quiz-result .quiz-score')", timeout: 10)
    let result = try browser.text(".quiz-result")
    #expect(result.contains("100"), "\(result)")
    try waitForServer(server, auth: auth) { ($0["quiz_scores"] as? [String: Double])?[quiz.id] == 100 }
}

/// Polls the learner's course progress on the server until `condition` holds.
func waitForServer(_ server: LecternProcess, auth: [String: String], _ condition: ([String: Any]) -> Bool) throws {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
        if condition(try server.request("GET", "/api/v1/progress/courses/python-foundations", headers: auth).json) { return }
        Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("the server never recorded the expected progress")
}

@Test func serverRefusalsAreShownInThePageLanguage() throws {
    let (server, _) = try startServer(sampleCourse("huerto-escolar"))
    let browser = try Browser()
    try browser.open(URL(string: "http://127.0.0.1:\(server.port)/account.html")!)
    try browser.wait(until: "!document.getElementById('lectern-register-form').closest('[hidden]')", timeout: 10)
    #expect(try browser.execute("return document.documentElement.lang") as? String == "es")
    try browser.type("lucia@example.org", into: "#lectern-register-email")
    try browser.type("lucia", into: "#lectern-register-username")
    // Long enough for the page's own check; the server refuses it as a common word with digits.
    try browser.type("Contraseña2024!", into: "#lectern-register-password")
    try browser.click("#lectern-register-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-register-error').textContent.length > 0", timeout: 10)
    #expect(try browser.text("#lectern-register-error").contains("Esta contraseña es demasiado común"))
    #expect(try browser.execute("return document.getElementById('lectern-register-password').getAttribute('aria-invalid')") as? String == "true")
}

@Test func learnersChangeTheirPasswordOnTheAccountPage() throws {
    let (server, _) = try startServer()
    try registerAndLogin(server, "changer")
    let browser = try Browser()
    let base = "http://127.0.0.1:\(server.port)"
    try signIn(browser, base, "changer")
    try browser.click(".account-password summary")
    // The wrong current password is said in words and marks that field.
    try browser.type("not my password", into: "#lectern-password-current")
    try browser.type("sturdy violet anchor", into: "#lectern-password-new")
    try browser.click("#lectern-password-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-password-error').textContent.length > 0", timeout: 10)
    #expect(try browser.text("#lectern-password-error") == "The current password is wrong.")
    #expect(try browser.execute("return document.getElementById('lectern-password-current').getAttribute('aria-invalid')") as? String == "true")
    // The right one: the password changes and this browser stays signed in with fresh tokens.
    try browser.execute("document.getElementById('lectern-password-current').value = ''")
    try browser.type(studentPassword, into: "#lectern-password-current")
    try browser.click("#lectern-password-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-account-status').textContent.includes('password is changed')", timeout: 10)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "changer", "password": "sturdy violet anchor"]).status == 200)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "changer", "password": studentPassword]).status == 401)
    let token = try #require(try browser.execute("return JSON.parse(localStorage.getItem('lectern:v1:auth')).refresh_token") as? String)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": token]).status == 200)
    #expect(try browser.execute("return document.querySelector('.account-password').open") as? Bool == false)
}
