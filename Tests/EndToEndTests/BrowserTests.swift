// A built course opened from disk (file://) in headless Chromium: quizzes grade in the page and
// progress survives a reload.
import Foundation
import LecternTesting
import Testing

/// Builds one sample course into a temporary folder and returns the site folder.
func buildSample(_ name: String, in scratch: TemporaryCourse) throws -> URL {
    let out = scratch.url.deletingLastPathComponent().appendingPathComponent("site-\(name)")
    let result = try runLectern("build", sampleCourse(name).path, "--out", out.path)
    #expect(result.exitCode == 0, "\(result.stderr)")
    return out
}

@Test func quizGradesInThePageAndProgressPersistsFromDisk() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("python-foundations", in: scratch)
    let browser = try Browser()

    // Viewing a lesson completes it; the course home then shows progress and a resume link.
    try browser.open(site.appendingPathComponent("python-foundations/getting-started/first-program.html"))
    try browser.wait(until: "document.body.dataset.itemId === 'getting-started.first-program'")
    try browser.open(site.appendingPathComponent("python-foundations/index.html"))
    try browser.wait(until: "!document.querySelector('.course-progress').hidden")
    try browser.wait(until: "document.querySelector('.syllabus-item[data-item-id=\"getting-started.first-program\"]').classList.contains('is-complete')")
    let resume = try browser.execute("return document.querySelector('.course-progress a').getAttribute('href')") as? String
    #expect(resume?.hasSuffix("getting-started/first-program.html") == true)

    // Answer the first quiz: every question right.
    try browser.open(site.appendingPathComponent("python-foundations/getting-started/check.html"))
    try browser.wait(until: "!document.querySelector('.quiz-submit').hidden")
    let key = try #require(try browser.execute("return JSON.parse(document.getElementById('quiz-key').textContent)") as? [String: Any])
    let questions = try #require(key["questions"] as? [[String: Any]])
    for question in questions {
        let id = try #require(question["id"] as? String)
        switch question["type"] as? String {
        case "single", "multiple", "true_false":
            for choice in question["correct"] as? [String] ?? [] { try browser.click("#q-\(cssEscaped(id))-\(cssEscaped(choice))") }
        case "short":
            try browser.type((question["accepted"] as? [String])?.first ?? "", into: "#q-\(cssEscaped(id))-answer")
        case "numeric":
            try browser.type(String(describing: question["value"] ?? ""), into: "#q-\(cssEscaped(id))-answer")
        default:
            Issue.record("unknown question type")
        }
    }
    try browser.click(".quiz-submit")
    try browser.wait(until: "!document.querySelector('.quiz-result').hidden")
    let result = try browser.text(".quiz-result")
    #expect(result.contains("100"), "\(result)")
    #expect(try browser.execute("return document.querySelectorAll('li.question.is-correct').length") as? Int == questions.count)

    // Reload: the stored result is still there and the syllabus shows the quiz as passed.
    try browser.reload()
    let stored = try browser.execute("""
        return JSON.parse(localStorage.getItem('lectern:v1:progress:python-foundations'));
        """) as? [String: Any]
    let quizzes = stored?["quizzes"] as? [String: Any]
    let record = quizzes?["getting-started.check"] as? [String: Any]
    #expect(record?["best"] as? Double == 100 || record?["best"] as? Int == 100)
    #expect((stored?["completed"] as? [String: Any])?["getting-started.first-program"] != nil)
    try browser.open(site.appendingPathComponent("python-foundations/index.html"))
    try browser.wait(until: "document.querySelector('.syllabus-item[data-item-id=\"getting-started.check\"]').classList.contains('is-passed')")
}

@Test func wrongAnswersFailTheQuizAndShowFeedback() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("digital-literacy", in: scratch)
    let browser = try Browser()
    try browser.open(site.appendingPathComponent("digital-literacy/staying-safe/check.html"))
    try browser.wait(until: "!document.querySelector('.quiz-submit').hidden")
    // Submitting with nothing answered asks first, naming the questions; then scores 0 and fails.
    try browser.click(".quiz-submit")
    try browser.wait(until: "!document.querySelector('.quiz-confirm').hidden")
    let count = try #require(try browser.execute("return document.querySelectorAll('li.question').length") as? Int)
    #expect(try browser.text(".quiz-confirm-text").contains("\(count) questions have no answer yet: 1, 2"))
    #expect(try browser.execute("return document.querySelector('.quiz-result').hidden") as? Bool == true)
    try browser.click(".quiz-confirm-submit")
    try browser.wait(until: "!document.querySelector('.quiz-result').hidden")
    #expect(try browser.execute("return document.querySelectorAll('li.question.is-incorrect').length") as? Int ?? 0 > 0)
    #expect(try browser.execute("return document.querySelectorAll('li.question.is-correct').length") as? Int == 0)
    let stored = try browser.execute("return JSON.parse(localStorage.getItem('lectern:v1:progress:digital-literacy'))") as? [String: Any]
    let record = (stored?["quizzes"] as? [String: Any])?["staying-safe.check"] as? [String: Any]
    #expect(record?["passed"] as? Bool == false)
    #expect(record?["attempts"] as? Int == 1)
}

@Test func searchFindsLessonsFromDisk() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("python-foundations", in: scratch)
    let browser = try Browser()
    var components = URLComponents(url: site.appendingPathComponent("python-foundations/search.html"), resolvingAgainstBaseURL: false)!
    components.query = "q=loop"
    try browser.open(components.url!)
    try browser.wait(until: "document.querySelectorAll('.search-results a').length > 0", timeout: 10)
    let titles = try browser.execute("return Array.from(document.querySelectorAll('.search-results a')).map(a => a.textContent)") as? [String]
    #expect(titles?.contains { $0.localizedCaseInsensitiveContains("loop") } == true, "\(titles ?? [])")
}

/// Escapes an id for a CSS `#id` selector (ids may hold dots).
func cssEscaped(_ id: String) -> String {
    id.replacingOccurrences(of: ".", with: "\\.")
}

@Test func storedProgressIsCheckedByTheSharedRule() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let site = try buildSample("python-foundations", in: scratch)
    let browser = try Browser()
    let home = site.appendingPathComponent("python-foundations/index.html")
    try browser.open(home)
    // A hand-edited or damaged record: only a real view time (finite, above 0) counts as viewed.
    _ = try browser.execute("""
        localStorage.setItem('lectern:v1:progress:python-foundations', '{"completed": {"getting-started.first-program": 1700000000000, ' +
          '"getting-started.welcome": 0, "getting-started.variables-and-types": 1e999, "control-flow.for-loops": -5}}');
        """)
    try browser.reload()
    try browser.wait(until: "!document.querySelector('.course-progress').hidden")
    let complete = try browser.execute("""
        return [...document.querySelectorAll('.syllabus-item.is-complete')].map((item) => item.dataset.itemId);
        """) as? [String]
    #expect(complete == ["getting-started.first-program"], "\(complete ?? [])")
    // The course pages and the SCORM launch page use the one definition in progress.js.
    #expect(try browser.execute("return typeof window.LecternProgress.sanitize") as? String == "function")
}
