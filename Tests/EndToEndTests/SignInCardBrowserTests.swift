// First-use passwords on the served site, in headless Chromium: an administrator makes one and prints
// sign-in cards from admin.html; a learner who signs in with one is asked for their own at once, and
// then carries on to the page they were going to.
import Foundation
import LecternTesting
import Testing

@Test func aFirstUsePasswordIsReplacedOnTheSignInPageAndTheAdminPageMakesCards() throws {
    let (server, _) = try startServer(staff: [adminAccount])
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    let id = try #require((try registerAndLogin(server, "nico")["user"] as? [String: Any])?["id"] as? Int)

    // The administrator makes a first-use password from the account's row; the page says it.
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "document.querySelector('tr[data-user-id=\"\(id)\"] .admin-password-button') !== null", timeout: 20)
    try browser.click("tr[data-user-id='\(id)'] .admin-password-button")
    try browser.click("tr[data-user-id='\(id)'] .admin-password-first-use")
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-status').textContent.includes('first-use password')", timeout: 10)
    let said = try browser.text("#lectern-admin-accounts-status")
    let firstUse = try #require(said.firstMatch(of: /[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/).map { String($0.0) }, "\(said)")

    // The learner signs in with it on the way to "My courses": the page asks for a new password first.
    try browser.open(URL(string: "\(base)/account.html?next=/my-courses.html")!)
    try browser.execute("localStorage.clear();")
    try browser.reload()
    try browser.wait(until: "!document.getElementById('lectern-account-forms').hidden", timeout: 10)
    try browser.type("nico", into: "#lectern-signin-login")
    try browser.type(firstUse, into: "#lectern-signin-password")
    try browser.click("#lectern-signin-form button[type=submit]")
    try browser.wait(until: "!document.getElementById('lectern-password-required').hidden", timeout: 10)
    #expect(try browser.text("#lectern-account-status").contains("first sign-in only"))
    #expect(try browser.execute("return document.querySelector('.account-password').open && document.querySelector('.account-links').hidden") as? Bool == true)
    #expect(try browser.execute("return document.activeElement.id") as? String == "lectern-password-new")
    // The first-use password need not be typed again; the new one is set and the learner goes on.
    try browser.type("a yellow paper kite", into: "#lectern-password-new")
    try browser.click("#lectern-password-form button[type=submit]")
    try browser.wait(until: "location.pathname.endsWith('/my-courses.html')", timeout: 10)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "nico", "password": firstUse]).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "nico", "password": "a yellow paper kite"]).json["must_change_password"] as? Bool == false)

    // Sign-in cards for the students shown, after a confirmation: nico's password is a new first-use one.
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "document.querySelector('tr[data-user-id=\"\(id)\"]') !== null", timeout: 20)
    try browser.click("#lectern-admin-cards-button")
    #expect(try browser.text("#lectern-admin-cards-question").hasPrefix("Make a sign-in card for 1 student?"))
    try browser.click("#lectern-admin-cards-yes")
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-status').textContent.includes('sign-in-cards.pdf')", timeout: 20)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "nico", "password": "a yellow paper kite"]).status == 401)
}

@Test func aTeacherGivesALearnerOfTheirClassAFirstUsePasswordOnTheTeachingPage() throws {
    let (server, _) = try startServer(staff: [("ada", "ada@example.org", "instructor")])
    let ada = ["Authorization": "Bearer \(try token(server, "ada"))"]
    let ana = try #require((try registerAndLogin(server, "ana")["user"] as? [String: Any])?["id"] as? Int)
    let classID = try #require(try server.request("POST", "/api/v1/classes", json: ["name": "5A"], headers: ada).json["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/members", json: ["user_ids": [ana]], headers: ada).status < 300)
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    try signIn(browser, base, "ada")
    try browser.open(URL(string: "\(base)/teaching.html?class=\(classID)")!)
    try browser.wait(until: "!document.getElementById('lectern-teaching-class-tools').hidden", timeout: 20)
    #expect(try browser.text("#lectern-teaching-class-tools-heading") == "Learners of 5A")
    try browser.click(".class-tools-reset")
    try browser.wait(until: "/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(document.querySelector('.class-tools-password').textContent)", timeout: 20)
    let password = try browser.text(".class-tools-password")
    let signedIn = try server.request("POST", "/api/v1/auth/login", json: ["login": "ana", "password": password])
    #expect(signedIn.status == 200 && signedIn.json["must_change_password"] as? Bool == true, "\(signedIn.text)")
    #expect(try browser.execute("return document.getElementById('lectern-teaching-class-cards').hidden") as? Bool == false)
}
