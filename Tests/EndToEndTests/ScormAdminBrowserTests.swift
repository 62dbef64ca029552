// The administration page's SCORM section in headless Chromium against a real server: an administrator
// uploads Lectern's own SCORM 2004 package through the file field (the raw ZIP as the body), sees it listed,
// is told precisely why a zip-slip package is refused, and removes the hosted one after confirming.
import Foundation
import LecternTesting
import Testing

@Test func adminUploadsListsAndRemovesScormPackages() throws {
    let files = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-files-" + UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: files) }
    let (server, data) = try startServer(staff: [adminAccount], options: ["--files", files.path])
    defer { withExtendedLifetime(data) {} }
    let base = "http://127.0.0.1:\(server.port)"
    let valid = try lecternScormPackage("scorm2004")
    let goodZip = data.url.appendingPathComponent("course-2004.zip"), badZip = data.url.appendingPathComponent("slip.zip")
    try valid.write(to: goodZip)
    try craftedZip("slip", from: valid).write(to: badZip)

    let browser = try Browser()
    try signIn(browser, base, "admin")
    try browser.open(URL(string: "\(base)/admin.html")!)
    try browser.wait(until: "!document.getElementById('lectern-admin-scorm').hidden", timeout: 10)
    #expect(try browser.text("#lectern-admin-scorm-list") == "No SCORM package is hosted yet.")

    try browser.type(badZip.path, into: "#lectern-admin-scorm-file")
    try browser.click("#lectern-admin-scorm-form button[type=submit]")
    try browser.wait(until: "document.getElementById('lectern-admin-scorm-error').textContent !== ''", timeout: 20)
    #expect(try browser.text("#lectern-admin-scorm-error").contains("'../../evil.html' contains '..'"))

    try browser.execute("document.getElementById('lectern-admin-scorm-form').reset()")
    try browser.type(goodZip.path, into: "#lectern-admin-scorm-file")
    try browser.click("#lectern-admin-scorm-form button[type=submit]")
    try browser.wait(until: "document.querySelector('#lectern-admin-scorm-list table') !== null", timeout: 20)
    #expect(try browser.text("#lectern-admin-scorm-status") == "“Safe and Smart Online” is hosted.")
    #expect(try browser.text("#lectern-admin-scorm-error").isEmpty)
    let row = try browser.text("#lectern-admin-scorm-list tbody tr")
    #expect(row.contains("Safe and Smart Online") && row.contains("SCORM 2004"), "\(row)")

    try browser.click(".admin-scorm-remove")
    #expect(try browser.text(".admin-scorm-remove") == "Remove “Safe and Smart Online” and its files?")
    try browser.click(".admin-scorm-remove")
    try browser.wait(until: "document.querySelector('#lectern-admin-scorm-list table') === null", timeout: 10)
    #expect(try browser.text("#lectern-admin-scorm-status") == "“Safe and Smart Online” was removed.")
    let admin = try token(server, "admin")
    #expect(try server.request("GET", "/api/v1/scorm-packages", headers: ["Authorization": "Bearer \(admin)"]).text == "[]")
}
