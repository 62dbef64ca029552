// SCORM packages run in headless Chromium against an LMS written here. `lmsPage` is a lenient LMS (it
// accepts anything, as some LMSs do, and leaves optional elements unset); the strict, conformant one the
// status tests use is in StrictLMS.swift. Both launch the package's launch page in a frame, as an LMS does.
import Foundation
import HTTP
import LecternTesting
import Testing
import Zip

/// The LMS side: the API object of an edition, keeping every value set and every call made.
func lmsPage(edition: String, entry: String, stored: [String: String]) -> String {
    let initial = (try? JSONSerialization.data(withJSONObject: stored)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    let names = edition == "1.2"
        ? (initialize: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
           error: "LMSGetLastError", string: "LMSGetErrorString", diagnostic: "LMSGetDiagnostic", object: "API", entry: "cmi.core.entry")
        : (initialize: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
           error: "GetLastError", string: "GetErrorString", diagnostic: "GetDiagnostic", object: "API_1484_11", entry: "cmi.entry")
    return """
    <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title></head><body>
    <script>
    window.cmi = Object.assign({"\(names.entry)": "\(entry)"}, \(initial));
    window.calls = [];
    window.interactionCount = Object.keys(window.cmi).filter(k => /^cmi\\.interactions\\.\\d+\\.id$/.test(k)).length;
    function record(name, args) { window.calls.push([name].concat(Array.from(args))); }
    window.\(names.object) = {
      \(names.initialize)() { record("initialize", arguments); return "true"; },
      \(names.finish)() { record("finish", arguments); return "true"; },
      \(names.get)(key) {
        record("get", arguments);
        if (key === "cmi.interactions._count") return String(window.interactionCount);
        return key in window.cmi ? window.cmi[key] : "";
      },
      \(names.set)(key, value) {
        record("set", arguments);
        const match = /^cmi\\.interactions\\.(\\d+)\\.id$/.exec(key);
        if (match && Number(match[1]) === window.interactionCount) window.interactionCount += 1;
        window.cmi[key] = String(value);
        return "true";
      },
      \(names.commit)() { record("commit", arguments); return "true"; },
      \(names.error)() { return "0"; },
      \(names.string)() { return ""; },
      \(names.diagnostic)() { return ""; },
    };
    </script>
    <iframe id="sco" title="course" src="lectern-sco.html" width="1000" height="800"></iframe>
    </body></html>
    """
}

/// A package unzipped and served over HTTP on 127.0.0.1, as an LMS serves it.
final class ServedPackage: @unchecked Sendable {
    let folder: TemporaryCourse
    let server: HTTPServer

    init(sample: String, format: String) throws {
        folder = try TemporaryCourse([:], name: "package")
        let zip = folder.url.deletingLastPathComponent().appendingPathComponent("package.zip")
        let result = try runLectern("package", sampleCourse(sample).path, "--format", format, "--out", zip.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let reader = ZipReader(path: zip.path)
        for name in try reader.names() { try folder.writeData(try reader.data(name), to: name) }
        let files = StaticFiles(root: folder.url)
        server = try HTTPServer { request in
            files.response(for: request) ?? HTTPResponse(status: 404, contentType: "text/plain", text: "not found")
        }
    }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(server.port)/\(path)")! }
    deinit { server.stop() }
}

/// JavaScript reaching the course page inside the launch page inside the LMS page.
let coursePage = "document.getElementById('sco').contentWindow.document.getElementById('lectern-sco-frame').contentWindow"

/// Shows a course page in the launch page's frame and waits until it has loaded.
func show(_ href: String, in browser: Browser) throws {
    try browser.execute("\(coursePage).location.href = arguments[0];", [href])
    try browser.wait(until: "\(coursePage).document.readyState === 'complete' && \(coursePage).location.pathname.endsWith(arguments[0])"
                        .replacingOccurrences(of: "arguments[0]", with: "'\(href)'"), timeout: 10)
}

/// Answers every question of the quiz on the shown page, right or wrong, and submits.
func answerQuiz(in browser: Browser, correctly: Bool) throws {
    try browser.wait(until: "\(coursePage).document.querySelector('.quiz-submit') && !\(coursePage).document.querySelector('.quiz-submit').hidden")
    try browser.execute("""
        const page = \(coursePage);
        const doc = page.document;
        const key = JSON.parse(doc.getElementById('quiz-key').textContent);
        for (const question of key.questions) {
          const wrong = !arguments[0];
          if (question.correct) {
            const inputs = Array.from(doc.querySelectorAll(`input[name="q-${question.id}"]`));
            for (const input of inputs) {
              const right = question.correct.includes(input.value);
              input.checked = wrong ? !right && input === inputs.find(i => !question.correct.includes(i.value)) : right;
              input.dispatchEvent(new page.Event('change', {bubbles: true}));
            }
          } else {
            const input = doc.getElementById(`q-${question.id}-answer`);
            input.value = wrong ? 'zzz' : String(question.accepted ? question.accepted[0] : question.value);
            input.dispatchEvent(new page.Event('input', {bubbles: true}));
          }
        }
        doc.querySelector('.quiz-submit').click();
        """, [correctly])
    try browser.wait(until: "!\(coursePage).document.querySelector('.quiz-result').hidden")
}

func cmi(_ browser: Browser) throws -> [String: String] {
    try browser.execute("return window.cmi;") as? [String: String] ?? [:]
}

@Test func scorm12CompletesPassesReportsInteractionsAndResumes() throws {
    let package = try ServedPackage(sample: "huerto-escolar", format: "scorm12")
    try package.folder.write(strictLMSPage(LMSSession(edition: "1.2")), to: "lms.html")
    let browser = try Browser()
    try browser.open(package.url("lms.html"))
    try browser.wait(until: "window.calls.some(c => c[0] === 'initialize')", timeout: 10)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete'", timeout: 10)

    let config = try #require(try browser.execute("""
        return JSON.parse(document.getElementById('sco').contentWindow.document.getElementById('scorm-config').textContent);
        """) as? [String: Any])
    let lessons = try #require(config["lessons"] as? [[String: Any]]).compactMap { $0["href"] as? String }
    let quizzes = try #require(config["quizzes"] as? [[String: Any]]).compactMap { $0["href"] as? String }
    for lesson in lessons { try show(lesson, in: browser) }
    try show(quizzes[0], in: browser)
    try answerQuiz(in: browser, correctly: true)

    // Leaving the course ends the session: a final commit, exit=suspend, session time, LMSFinish.
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try browser.wait(until: "window.calls.some(c => c[0] === 'finish')", timeout: 10)
    let data = try cmi(browser)
    #expect(try browser.execute("return window.errors.length") as? Int == 0, "the strict LMS refused nothing")
    #expect(data["cmi.core.lesson_status"] == "passed", "\(data)")
    #expect(data["cmi.core.score.raw"] == "100" && data["cmi.core.score.max"] == "100" && data["cmi.core.score.min"] == "0")
    #expect(data["cmi.core.exit"] == "suspend")
    #expect(data["cmi.core.session_time"]?.range(of: #"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$"#, options: .regularExpression) != nil)
    #expect(data["cmi.core.lesson_location"]?.isEmpty == false)
    #expect(data["cmi.suspend_data"]?.hasPrefix("2|") == true)
    let interactionTypes = data.filter { $0.key.hasSuffix(".type") && $0.key.hasPrefix("cmi.interactions.") }.map(\.value)
    #expect(Set(interactionTypes).isSubset(of: ["choice", "true-false", "fill-in", "numeric"]) && !interactionTypes.isEmpty)
    #expect(data["cmi.interactions.0.result"] == "correct")
    #expect(data["cmi.interactions.0.correct_responses.0.pattern"]?.isEmpty == false)
    let calls = try browser.execute("return window.calls.filter(c => c[0] === 'commit').length") as? Int ?? 0
    #expect(calls >= 1 && calls < 10, "commits are throttled: \(calls)")

    // Resume: a new session with the stored data starts at the bookmark with the progress restored.
    let stored = try browser.execute("return window.nextSession();") as? [String: String] ?? [:]
    try package.folder.write(strictLMSPage(LMSSession(edition: "1.2", stored: stored, entry: "resume")), to: "lms.html")
    try browser.open(package.url("lms.html?again"))
    try browser.wait(until: "window.calls && window.calls.some(c => c[0] === 'initialize')", timeout: 10)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete' && \(coursePage).location.pathname !== '/lectern-sco.html'", timeout: 10)
    let resumedAt = try browser.execute("return \(coursePage).location.pathname") as? String ?? ""
    #expect(resumedAt.hasSuffix(data["cmi.core.lesson_location"] ?? "?"), "\(resumedAt)")
    try show("index.html", in: browser)
    try browser.wait(until: "\(coursePage).document.querySelectorAll('.syllabus-item.is-complete').length === \(lessons.count)", timeout: 5)
}

@Test func scorm2004FailedQuizAndMissingOptionalElements() throws {
    let package = try ServedPackage(sample: "python-foundations", format: "scorm2004")
    // cmi.mode is left unset on purpose: the runtime must treat it as normal.
    try package.folder.write(lmsPage(edition: "2004", entry: "ab-initio", stored: [:]), to: "lms.html")
    let browser = try Browser()
    try browser.open(package.url("lms.html"))
    try browser.wait(until: "window.calls.some(c => c[0] === 'initialize')", timeout: 10)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete'", timeout: 10)
    try show("getting-started/check.html", in: browser)
    try answerQuiz(in: browser, correctly: false)
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try browser.wait(until: "window.calls.some(c => c[0] === 'finish')", timeout: 10)
    let data = try cmi(browser)
    #expect(data["cmi.completion_status"] == "incomplete", "\(data)")
    // One of three quizzes attempted: not judged yet, and no score until every quiz has been attempted.
    #expect(data["cmi.success_status"] == "unknown")
    #expect(data["cmi.score.scaled"] == nil && data["cmi.score.raw"] == nil)
    #expect(data["cmi.exit"] == "suspend")
    #expect(data["cmi.session_time"]?.hasPrefix("PT") == true)
    #expect(data["cmi.interactions.0.result"] == "incorrect")
    #expect(data["cmi.interactions.0.description"]?.hasPrefix("{lang=en}") == true)
    #expect(data["cmi.interactions.0.latency"]?.hasPrefix("PT") == true)
    let multiple = data.first { $0.key.hasSuffix(".type") && $0.value == "choice" }
    #expect(multiple != nil)
}

@Test func withoutAnLMSTheLaunchPageFallsBackToTheSite() throws {
    let package = try ServedPackage(sample: "huerto-escolar", format: "scorm2004")
    let browser = try Browser()
    try browser.open(package.url("lectern-sco.html"))
    try browser.wait(until: "location.pathname === '/index.html' || location.pathname === '/'", timeout: 10)
    #expect(try browser.execute("return document.body.dataset.page") as? String == "course")
}
