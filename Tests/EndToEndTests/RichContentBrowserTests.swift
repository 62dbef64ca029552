// Rich lesson content in a real browser, from disk: highlighted code, typeset math, callouts, a
// captioned video that plays, and the Spanish sample's interface in Spanish.
import Foundation
import LecternTesting
import Testing

/// The first built page of a course whose HTML contains `marker`, relative to the site folder.
func firstPage(containing marker: String, in site: URL, course: String) throws -> String {
    let folder = site.appendingPathComponent(course)
    let pages = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
    for page in pages where (try? String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8))?.contains(marker) == true {
        return course + "/" + page
    }
    throw WebDriverError(message: "no page of \(course) contains \(marker)")
}

@Test func codeIsHighlightedAndMathTypesetInTheBrowser() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("python-foundations", in: scratch)
    let browser = try Browser()

    try browser.open(site.appendingPathComponent(try firstPage(containing: "line highlighted", in: site, course: "python-foundations")))
    try browser.wait(until: "document.querySelector('pre.code .hljs-keyword, pre.code .hljs-built_in') !== null", timeout: 10)
    try browser.wait(until: "document.querySelector('figure.code-block button') !== null")
    #expect(try browser.execute("return document.querySelectorAll('pre.line-numbers .line').length") as? Int ?? 0 > 0)
    #expect(try browser.execute("return document.querySelectorAll('pre.code .line.highlighted').length") as? Int ?? 0 > 0)

    try browser.open(site.appendingPathComponent(try firstPage(containing: "math math-", in: site, course: "python-foundations")))
    try browser.wait(until: "document.querySelector('.math .katex') !== null", timeout: 10)
    #expect(try browser.execute("return document.querySelectorAll('.math-display .katex-display, .math-display .katex').length") as? Int ?? 0 > 0)

    try browser.open(site.appendingPathComponent(try firstPage(containing: "callout callout-", in: site, course: "python-foundations")))
    let callout = try browser.execute("""
        const box = document.querySelector('.callout');
        return [box.offsetHeight > 0, box.querySelector('.callout-title').textContent];
        """) as? [Any]
    #expect(callout?.first as? Bool == true)
    #expect((callout?.last as? String)?.isEmpty == false)
}

@Test func captionedVideoPlays() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("digital-literacy", in: scratch)
    let browser = try Browser()
    try browser.open(site.appendingPathComponent(try firstPage(containing: "<video", in: site, course: "digital-literacy")))
    try browser.wait(until: "document.querySelector('video') !== null")
    #expect(try browser.execute("return document.querySelectorAll('video track').length") as? Int ?? 0 >= 2)
    try browser.executeAsync("""
        const done = arguments[arguments.length - 1];
        const video = document.querySelector('video');
        video.muted = true;
        video.play().then(() => done(true), error => done(String(error)));
        """)
    try browser.wait(until: "document.querySelector('video').currentTime > 0.2", timeout: 10)
    #expect(try browser.execute("return document.querySelector('video').textTracks.length") as? Int ?? 0 >= 2)
    // Captions load even from disk: the default track's cues are there once it shows.
    try browser.execute("document.querySelector('video').textTracks[0].mode = 'showing';")
    try browser.wait(until: "(document.querySelector('video').textTracks[0].cues || []).length > 0", timeout: 10)
}

@Test func spanishCourseSpeaksSpanish() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("huerto-escolar", in: scratch)
    let table = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Themes/default/strings/es.json"))) as? [String: String]
    let english = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("Themes/default/strings/en.json"))) as? [String: String]
    let next = try #require(table?["nav.next"])
    #expect(next != english?["nav.next"])
    let page = try String(contentsOf: site.appendingPathComponent(try firstPage(containing: "rel=\"next\"", in: site, course: "huerto-escolar")), encoding: .utf8)
    #expect(page.contains(next))
    let browser = try Browser()
    try browser.open(site.appendingPathComponent("huerto-escolar/index.html"))
    #expect(try browser.execute("return document.documentElement.lang") as? String == "es")
    #expect(try browser.execute("return document.body.textContent.includes(arguments[0])", [try #require(table?["course.syllabus"])]) as? Bool == true)
}
