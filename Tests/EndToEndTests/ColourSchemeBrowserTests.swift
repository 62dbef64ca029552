// The header's dark mode switch, opened from disk in headless Chromium (whose system scheme is light).
import Foundation
import LecternTesting
import Testing

@Test(.enabled(if: Browser.isAvailable)) func darkModeSwitchIsRememberedAcrossPages() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("python-foundations", in: scratch)
    let browser = try Browser()
    let background = "return getComputedStyle(document.body).backgroundColor"
    let pressed = "return document.getElementById('lectern-scheme-switch').getAttribute('aria-pressed')"

    try browser.open(site.appendingPathComponent("python-foundations/control-flow/for-loops.html"))
    try browser.wait(until: "!document.getElementById('lectern-scheme-switch').hidden")
    #expect(try browser.execute(pressed) as? String == "false")
    #expect(try browser.execute(background) as? String == "rgb(255, 255, 255)")

    try browser.click("#lectern-scheme-switch")
    #expect(try browser.execute(pressed) as? String == "true")
    #expect(try browser.execute(background) as? String == "rgb(18, 20, 23)")
    #expect(try browser.execute("return document.documentElement.dataset.scheme") as? String == "dark")

    // Another page of the site opens dark, with the switch pressed, before anyone touches it.
    try browser.open(site.appendingPathComponent("python-foundations/index.html"))
    #expect(try browser.execute(background) as? String == "rgb(18, 20, 23)")
    try browser.wait(until: "document.getElementById('lectern-scheme-switch').getAttribute('aria-pressed') === 'true'")

    // Back to light, which is what the system says: the choice is forgotten, so the page follows the system again.
    try browser.click("#lectern-scheme-switch")
    #expect(try browser.execute(background) as? String == "rgb(255, 255, 255)")
    #expect(try browser.execute("return localStorage.getItem('lectern.scheme') === null") as? Bool == true)
    let media = try browser.execute("return Array.from(document.querySelectorAll('link[data-scheme=\"dark\"]')).map((l) => l.media)") as? [String]
    #expect(media == ["screen and (prefers-color-scheme: dark)"])
}
