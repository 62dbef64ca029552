// What a package records in a strict LMS (StrictLMS.swift), in both editions: statuses that say what the
// learner did, scores only once every quiz is attempted, retakes, republished courses, review sessions,
// the interactions' texts and patterns, and modules of a --sco-per-module package.
import Foundation
import HTTP
import LecternTesting
import Testing
import Zip

/// A small course whose numbers are easy to check: three lessons and one quiz of seven questions
/// (five single choice, a short answer with three accepted answers, a number with a tolerance).
func statusCourse(extraLesson: String? = nil) throws -> TemporaryCourse {
    var files = [
        "course.yaml": "id: status-check\ntitle: Status check\nlanguage: en\ncompletion:\n  require: all\n  mastery_score: 70\n",
        "01-basics/module.yaml": "title: Basics\n",
        "01-basics/01-one.md": "---\nid: one\n---\n# One\n\nFirst lesson.\n",
        "01-basics/02-two.md": "---\nid: two\n---\n# Two\n\nSecond lesson.\n",
        "01-basics/03-three.md": "---\nid: three\n---\n# Three\n\nThird lesson.\n",
    ]
    var quiz = "id: check\ntitle: Check\npass_score: 60\nquestions:\n"
    for number in 1...5 {
        quiz += """
          - id: s\(number)
            type: single
            prompt: |
              Question \(number), with code:

              ```python
              print(\(number))
              ```
            choices:
              - text: Right
                correct: true
              - text: Wrong

        """
    }
    quiz += """
      - id: colour
        type: short
        prompt: Name the property.
        answers: [colour, color, hue]
      - id: ten
        type: numeric
        prompt: Type ten.
        answer: 10
        tolerance: 0.5

    """
    files["01-basics/04-check.quiz.yaml"] = quiz
    if let extraLesson { files["01-basics/05-extra.md"] = "---\nid: \(extraLesson)\n---\n# Extra\n\nA lesson added later.\n" }
    return try TemporaryCourse(files, name: "status-check")
}

/// A package unzipped and served, which can be republished in place (the LMS keeps its records).
final class LMSPackage: @unchecked Sendable {
    let folder: TemporaryCourse
    let server: HTTPServer
    let format: String

    init(course: URL, format: String, perModule: Bool = false) throws {
        self.format = format
        folder = try TemporaryCourse([:], name: "package")
        let files = StaticFiles(root: folder.url)
        server = try HTTPServer { request in
            files.response(for: request) ?? HTTPResponse(status: 404, contentType: "text/plain", text: "not found")
        }
        try publish(course: course, perModule: perModule)
    }

    func publish(course: URL, perModule: Bool = false) throws {
        let zip = folder.url.deletingLastPathComponent().appendingPathComponent("package-\(UUID().uuidString).zip")
        let result = try runLectern(["package", course.path, "--format", format, "--out", zip.path] + (perModule ? ["--sco-per-module"] : []))
        #expect(result.exitCode == 0, "\(result.stderr)")
        let reader = ZipReader(path: zip.path)
        for name in try reader.names() { try folder.writeData(try reader.data(name), to: name) }
    }

    var edition: String { format == "scorm12" ? "1.2" : "2004" }
    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(server.port)/\(path)")! }
    deinit { server.stop() }
}

/// What one LMS session recorded.
struct LMSRecord {
    var cmi: [String: String]
    /// Refused calls other than reads of elements the LMS has no value for yet (2004's 403).
    var refusals: [String]
    var next: [String: String]
    var sets: Int

    var statusElement: String { cmi["cmi.core.lesson_status"] != nil ? "cmi.core.lesson_status" : "cmi.completion_status" }
    func interactions(_ field: String) -> [String] {
        (0..<1000).compactMap { cmi["cmi.interactions.\($0).\(field)"] }
    }
}

/// Opens a session of the LMS on a SCO and waits until its first page shows.
func startSession(_ session: LMSSession, _ package: LMSPackage, _ browser: Browser) throws {
    let name = "lms-\(UUID().uuidString.prefix(8)).html"
    try package.folder.write(strictLMSPage(session), to: name)
    try browser.open(package.url(name))
    try browser.wait(until: "window.calls && window.calls.some(c => c[0] === 'initialize')", timeout: 10)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete' && \(coursePage).document.body"
                        + " && \(coursePage).document.body.dataset.page", timeout: 10)
}

/// Leaves the course (the LMS unloads the SCO) and returns what the LMS recorded.
func endSession(_ browser: Browser) throws -> LMSRecord {
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try browser.wait(until: "window.calls.some(c => c[0] === 'finish')", timeout: 10)
    let cmi = try browser.execute("return window.cmi;") as? [String: String] ?? [:]
    let refusals = try browser.execute("""
        return window.errors.filter(e => !(e[0] === 'get' && e[e.length - 1] === '403')).map(e => JSON.stringify(e));
        """) as? [String] ?? []
    let next = try browser.execute("return window.nextSession();") as? [String: String] ?? [:]
    let sets = try browser.execute("return window.calls.filter(c => c[0] === 'set' || c[0] === 'commit').length;") as? Int ?? -1
    return LMSRecord(cmi: cmi, refusals: refusals, next: next, sets: sets)
}

/// Answers the quiz on the shown page, the questions in `wrong` wrongly, and submits.
func answer(_ browser: Browser, wrong: Set<String> = []) throws {
    let visible = { (selector: String) in "(\(coursePage).document.querySelector('\(selector)') && !\(coursePage).document.querySelector('\(selector)').hidden)" }
    try browser.wait(until: visible(".quiz-submit") + " || " + visible(".quiz-start"))
    try browser.execute("const start = \(coursePage).document.querySelector('.quiz-start'); if (start && !start.hidden) start.click();")
    try browser.wait(until: visible(".quiz-submit"))
    try browser.execute("""
        const page = \(coursePage);
        const doc = page.document;
        const key = JSON.parse(doc.getElementById('quiz-key').textContent);
        for (const question of key.questions) {
          const wrong = arguments[0].includes(question.id);
          if (question.correct) {
            const inputs = Array.from(doc.querySelectorAll(`input[name="q-${question.id}"]`));
            const pick = wrong ? inputs.find(i => !question.correct.includes(i.value)) : null;
            for (const input of inputs) {
              input.checked = wrong ? input === pick : question.correct.includes(input.value);
              input.dispatchEvent(new page.Event('change', {bubbles: true}));
            }
          } else {
            const input = doc.getElementById(`q-${question.id}-answer`);
            input.value = wrong ? 'zzz' : String(question.accepted ? question.accepted[question.accepted.length - 1] : question.value);
            input.dispatchEvent(new page.Event('input', {bubbles: true}));
          }
        }
        doc.querySelector('.quiz-submit').click();
        """, [Array(wrong)])
    try browser.wait(until: "!\(coursePage).document.querySelector('.quiz-result').hidden")
}

/// Starts another attempt at the quiz on the shown page.
func retake(_ browser: Browser) throws {
    try browser.execute("\(coursePage).document.querySelector('.quiz-retry').click();")
}

let editions = ["scorm12", "scorm2004"]

// Items 1 and 2: part-way through is never failed, no score until every quiz is attempted, and the
// status follows the course's completion rule (quizzes passed without the lessons is not a pass).
@Test(arguments: editions)
func statusFollowsTheCompletionRuleAndIsNeverFailedPartWayThrough(format: String) throws {
    let package = try LMSPackage(course: sampleCourse("python-foundations"), format: format)
    let browser = try Browser()
    var session = LMSSession(edition: package.edition)
    try startSession(session, package, browser)
    try show("getting-started/check.html", in: browser)
    try answer(browser)
    var record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    if format == "scorm12" {
        #expect(record.cmi["cmi.core.lesson_status"] == "incomplete", "\(record.cmi)")
        #expect(record.cmi["cmi.student_data.mastery_score"] == nil)
        #expect(record.cmi["cmi.core.score.raw"] == nil)
    } else {
        #expect(record.cmi["cmi.completion_status"] == "incomplete" && record.cmi["cmi.success_status"] == "unknown", "\(record.cmi)")
        #expect(record.cmi["cmi.scaled_passing_score"] == nil)
        #expect(record.cmi["cmi.score.scaled"] == nil && record.cmi["cmi.score.raw"] == nil)
    }

    // Every quiz passed (one at 5 of 6), no lesson opened: the course page says lessons are still to view.
    session.entry = "resume"
    session.stored = record.next
    try startSession(session, package, browser)
    try show("control-flow/check.html", in: browser)
    try answer(browser, wrong: [try #require(try browser.execute(
        "return JSON.parse(\(coursePage).document.getElementById('quiz-key').textContent).questions[0].id") as? String)])
    try show("functions/check.html", in: browser)
    try answer(browser)
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let score = try #require(record.cmi[format == "scorm12" ? "cmi.core.score.raw" : "cmi.score.raw"].flatMap(Double.init))
    #expect(score > 90 && score < 100 && score != score.rounded(), "the average of the best scores, with decimals: \(score)")
    if format == "scorm12" {
        #expect(record.cmi["cmi.core.lesson_status"] == "incomplete", "\(record.cmi)")
        #expect(record.cmi["cmi.core.score.min"] == "0" && record.cmi["cmi.core.score.max"] == "100")
    } else {
        #expect(record.cmi["cmi.completion_status"] == "incomplete" && record.cmi["cmi.success_status"] == "passed", "\(record.cmi)")
        #expect(record.cmi["cmi.score.scaled"].flatMap(Double.init).map { abs($0 - score / 100) < 1e-6 } == true)
        #expect(record.cmi["cmi.progress_measure"].flatMap(Double.init).map { $0 > 0 && $0 < 1 } == true)
    }

    // The lessons viewed: complete, and passed.
    session.stored = record.next
    try startSession(session, package, browser)
    let config = try #require(try browser.execute(
        "return JSON.parse(document.getElementById('sco').contentWindow.document.getElementById('scorm-config').textContent);") as? [String: Any])
    for lesson in try #require(config["lessons"] as? [[String: Any]]) { try show(lesson["href"] as? String ?? "", in: browser) }
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    if format == "scorm12" {
        #expect(record.cmi["cmi.core.lesson_status"] == "passed", "\(record.cmi)")
    } else {
        #expect(record.cmi["cmi.completion_status"] == "completed" && record.cmi["cmi.success_status"] == "passed")
        #expect(record.cmi["cmi.progress_measure"] == "1")
    }
}

// Item 1 in the strict LMS's own terms: every quiz attempted, one not passed, lessons done → failed;
// a retake that passes turns it into passed.
@Test(arguments: editions)
func everyQuizAttemptedOneNotPassedIsFailedUntilARetakePasses(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    try startSession(LMSSession(edition: package.edition), package, browser)
    for lesson in ["basics/one.html", "basics/two.html", "basics/three.html"] { try show(lesson, in: browser) }
    try show("basics/check.html", in: browser)
    try answer(browser, wrong: ["s1", "s2", "s3", "s4"])       // 3 of 7: 42.9 % (quizzes score to one decimal), under the pass mark of 60
    try retake(browser)
    try answer(browser)
    var record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    if format == "scorm12" {
        #expect(record.cmi["cmi.core.lesson_status"] == "passed", "\(record.cmi)")
        #expect(record.cmi["cmi.core.score.raw"] == "100")
    } else {
        #expect(record.cmi["cmi.success_status"] == "passed" && record.cmi["cmi.completion_status"] == "completed")
    }

    // A fresh learner who fails: failed, with the score and its decimals.
    try startSession(LMSSession(edition: package.edition), package, browser)
    for lesson in ["basics/one.html", "basics/two.html", "basics/three.html"] { try show(lesson, in: browser) }
    try show("basics/check.html", in: browser)
    try answer(browser, wrong: ["s1", "s2", "s3", "s4"])
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    if format == "scorm12" {
        #expect(record.cmi["cmi.core.lesson_status"] == "failed", "\(record.cmi)")
        #expect(record.cmi["cmi.core.score.raw"] == "42.9")
    } else {
        #expect(record.cmi["cmi.success_status"] == "failed" && record.cmi["cmi.completion_status"] == "incomplete")
        #expect(record.cmi["cmi.score.raw"] == "42.9" && record.cmi["cmi.score.scaled"] == "0.429")
    }
}

// Item 3: every attempt's interactions have their own ids (a strict 2004 LMS refuses a used id with 351),
// the first attempt's stay as they were, and a later session goes on numbering.
@Test(arguments: editions)
func retakesRecordTheirOwnInteractions(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    var session = LMSSession(edition: package.edition)
    try startSession(session, package, browser)
    try show("basics/check.html", in: browser)
    try answer(browser, wrong: ["s1"])
    try retake(browser)
    try answer(browser)
    var record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    var ids = record.interactions("id")
    #expect(ids.count == 14 && Set(ids).count == 14, "\(ids)")
    #expect(ids.filter { $0.hasSuffix("_s1") }.count == 1 && ids.filter { $0.hasSuffix("_s1.2") }.count == 1, "\(ids)")
    #expect(record.interactions("result").prefix(7).first == (format == "scorm12" ? "wrong" : "incorrect"))

    session.entry = "resume"
    session.stored = record.next
    try startSession(session, package, browser)
    try show("basics/check.html", in: browser)
    try retake(browser)
    try answer(browser)
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    ids = record.interactions("id")
    #expect(ids.count == 21 && Set(ids).count == 21 && ids.contains { $0.hasSuffix("_s1.3") }, "\(ids)")
}

// Item 4: a course republished with one more lesson (which widens the codes) reads the record the older
// package wrote; nothing is lost, and entries it does not know are written back.
@Test(arguments: editions)
func aRepublishedCourseResumesWithNothingLost(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    var session = LMSSession(edition: package.edition)
    try startSession(session, package, browser)
    try show("basics/one.html", in: browser)
    try show("basics/two.html", in: browser)
    try show("basics/check.html", in: browser)
    try answer(browser, wrong: ["s1", "s2", "s3", "s4"])      // 42.857 %
    var record = try endSession(browser)
    let before = try #require(record.cmi["cmi.suspend_data"])
    #expect(before.hasPrefix("2|4|"), "\(before)")

    // A lesson whose code collides with another lesson's at 4 characters: the new package uses 5. (Had
    // the learner viewed that other lesson, its code would be ambiguous at 4 and kept, not credited.)
    let ids = ["three"]
    let extra = try #require((0..<5_000_000).lazy.map { "extra-\($0)" }.first { candidate in
        ids.contains { fnvCode($0, width: 4) == fnvCode(candidate, width: 4) }
    })
    let republished = try statusCourse(extraLesson: extra)
    try package.publish(course: republished.url)
    // An entry of a quiz removed since (code "zzzz", a v2 entry): kept as it is.
    session.entry = "resume"
    session.stored = record.next
    let parts = before.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    try #require(parts.count >= 4)
    session.stored["cmi.suspend_data"] = "\(parts[0])|\(parts[1])|\(parts[2])|\(parts[3])zzzz1s011"
    try startSession(session, package, browser)
    let progress = try #require(try browser.execute(
        "return document.getElementById('sco').contentWindow.LecternSCO.loadProgress('status-check');") as? [String: Any])
    let completed = (progress["completed"] as? [String: Any] ?? [:]).keys
    #expect(Set(completed) == ["one", "two"], "\(progress)")
    let quiz = (progress["quizzes"] as? [String: [String: Any]])?["check"]
    #expect(quiz?["best"] as? Double == 42.9 && quiz?["attempts"] as? Int == 1, "\(progress)")
    try show("basics/three.html", in: browser)
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let after = try #require(record.cmi["cmi.suspend_data"])
    #expect(after.hasPrefix("2|5|"), "\(after)")
    #expect(after.contains("4.") && after.contains("zzzz1s011"), "the unknown entry is kept: \(after)")
    for id in ["one", "two", "three"] { #expect(after.contains(fnvCode(id, width: 5)), "\(id) in \(after)") }
    #expect(after.contains(fnvCode("check", width: 5) + "bx01"), "best 42.9 % kept in tenths (bx = 429): \(after)")

    // A record of version 1 (no width, whole percents) from an older package reads too.
    session.stored = record.next
    session.stored["cmi.suspend_data"] = "1|\(fnvCode("one", width: 4))|\(fnvCode("check", width: 4))2s11"
    try startSession(session, package, browser)
    let old = try #require(try browser.execute(
        "return document.getElementById('sco').contentWindow.LecternSCO.loadProgress('status-check');") as? [String: Any])
    #expect((old["completed"] as? [String: Any])?.keys.contains("one") == true)
    #expect((old["quizzes"] as? [String: [String: Any]])?["check"]?["passed"] as? Bool == true, "\(old)")
    _ = try endSession(browser)
}

// Item 9: a review session writes nothing (no SetValue, no Commit), yet terminates.
@Test(arguments: editions)
func aReviewSessionWritesNothing(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    try startSession(LMSSession(edition: package.edition), package, browser)
    try show("basics/one.html", in: browser)
    let first = try endSession(browser)
    try startSession(LMSSession(edition: package.edition, stored: first.next, entry: "", mode: "review"), package, browser)
    try show("basics/two.html", in: browser)
    try show("basics/check.html", in: browser)
    try answer(browser)
    let record = try endSession(browser)
    #expect(record.sets == 0, "\(record.cmi)")
    #expect(record.refusals.isEmpty, "\(record.refusals)")
}

// Items 8 and 10: the 2004 description is the question's plain text; every accepted short answer is a
// pattern, a number's tolerance a range (1.2 has only the exact value and the first answer).
@Test(arguments: editions)
func interactionsCarryPlainPromptsAndEveryCorrectPattern(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    try startSession(LMSSession(edition: package.edition), package, browser)
    try show("basics/check.html", in: browser)
    try answer(browser)
    let record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let ids = record.interactions("id")
    let short = try #require(ids.firstIndex { $0.hasSuffix("_colour") })
    let number = try #require(ids.firstIndex { $0.hasSuffix("_ten") })
    let pattern = { (n: Int, m: Int) in record.cmi["cmi.interactions.\(n).correct_responses.\(m).pattern"] }
    if format == "scorm12" {
        #expect(pattern(short, 0) == "colour" && pattern(short, 1) == nil)
        #expect(pattern(number, 0) == "10")
    } else {
        #expect(pattern(short, 0) == "{case_matters=false}colour" && pattern(short, 1) == "{case_matters=false}color"
                && pattern(short, 2) == "{case_matters=false}hue")
        #expect(pattern(number, 0) == "9.5[:]10.5")
        #expect(record.cmi["cmi.interactions.0.description"] == "{lang=en}Question 1, with code: print(1)", "\(record.cmi)")
        #expect(record.cmi["cmi.interactions.\(short).description"] == "{lang=en}Name the property.")
    }
}

/// The short code the packager gives an id at a width (FNV-1a 64 in base 36, the last `width` digits).
func fnvCode(_ id: String, width: Int) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 36)
    return String((String(repeating: "0", count: max(0, width - digits.count)) + digits).suffix(width))
}

// Item 5: with one SCO per module, "Next" at the end of a module does not open the next module inside
// this SCO (nothing would be recorded, and the bookmark would point outside it): a notice ends the
// module and sends the learner back to the LMS; "Back" returns to the module.
@Test(arguments: editions)
func aModuleSCOEndsWithANoticeInsteadOfOpeningTheNextModule(format: String) throws {
    let package = try LMSPackage(course: sampleCourse("python-foundations"), format: format, perModule: true)
    let browser = try Browser()
    try startSession(LMSSession(edition: package.edition, launch: "lectern-sco-getting-started.html"), package, browser)
    #expect(try browser.execute("return window.launchItem;") as? String == "ITEM-getting-started")
    try show("getting-started/check.html", in: browser)
    let launchPage = "document.getElementById('sco').contentWindow.document"
    let next = try #require(try browser.execute("return \(coursePage).document.querySelector('.pager-next').getAttribute('href');") as? String)
    #expect(next.hasPrefix("../control-flow/"), "the last item's Next leads to the next module: \(next)")
    try browser.execute("\(coursePage).document.querySelector('.pager-next').click();")
    try browser.wait(until: "!\(launchPage).getElementById('lectern-sco-end').hidden", timeout: 5)
    #expect(try browser.execute("return \(launchPage).getElementById('lectern-sco-frame').hidden;") as? Bool == true)
    #expect(try browser.execute("return \(coursePage).location.pathname;") as? String == "/getting-started/check.html")
    let notice = try browser.execute("return \(launchPage).getElementById('lectern-sco-end').textContent;") as? String ?? ""
    #expect(notice.contains("End of this module") && notice.contains("Getting started"), "\(notice)")

    // Back to the module; a page of another module that loads anyway is replaced by the notice too.
    try browser.execute("\(launchPage).querySelector('.sco-end-back').click();")
    #expect(try browser.execute("return \(launchPage).getElementById('lectern-sco-frame').hidden;") as? Bool == false)
    try browser.execute("\(coursePage).location.href = '../control-flow/for-loops.html';")
    try browser.wait(until: "!\(launchPage).getElementById('lectern-sco-end').hidden", timeout: 5)
    let record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let location = record.cmi[format == "scorm12" ? "cmi.core.lesson_location" : "cmi.location"] ?? ""
    #expect(location.hasPrefix("getting-started/"), "the bookmark stays in the module: \(location)")
}

// The test LMS is as strict as the tests need it to be: standard error codes for what a strict LMS refuses.
@Test(arguments: editions)
func theStrictLMSRefusesWithTheStandardCodes(format: String) throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    try startSession(LMSSession(edition: package.edition), package, browser)
    let v12 = format == "scorm12"
    let api = v12 ? "window.API" : "window.API_1484_11"
    let (set, get, error) = v12 ? ("LMSSetValue", "LMSGetValue", "LMSGetLastError") : ("SetValue", "GetValue", "GetLastError")
    func refusal(_ call: String) throws -> String {
        try browser.execute("const result = \(api).\(call); return String(result) + ' ' + \(api).\(error)();") as? String ?? ""
    }
    let long = "'\(String(repeating: "x", count: v12 ? 4097 : 64001))'"
    if v12 {
        #expect(try refusal("\(set)('cmi.core.lesson_mode', 'normal')") == "false 403")      // read-only
        #expect(try refusal("\(get)('cmi.core.exit')") == " 404")                               // write-only
        #expect(try refusal("\(set)('cmi.core.lesson_status', 'not attempted')") == "false 405")
        #expect(try refusal("\(set)('cmi.suspend_data', \(long))") == "false 405")             // over the SPM
        #expect(try refusal("\(set)('cmi.core.score.raw', '101')") == "false 405")
        #expect(try refusal("\(set)('cmi.interactions._count', '3')") == "false 402")
        #expect(try refusal("\(set)('cmi.interactions.5.id', 'x')") == "false 201")             // out of order
        #expect(try refusal("\(get)('cmi.interactions.0.id')") == " 404")
    } else {
        #expect(try refusal("\(set)('cmi.mode', 'normal')") == "false 404")
        #expect(try refusal("\(get)('cmi.exit')") == " 405")
        #expect(try refusal("\(set)('cmi.success_status', 'done')") == "false 406")
        #expect(try refusal("\(set)('cmi.suspend_data', \(long))") == "false 406")
        #expect(try refusal("\(set)('cmi.score.scaled', '1.5')") == "false 407")
        #expect(try refusal("\(get)('cmi.location')") == " 403")                                // not set yet
        #expect(try refusal("\(set)('cmi.interactions.5.id', 'x')") == "false 351")             // out of order
        #expect(try refusal("\(set)('cmi.interactions.0.type', 'choice')") == "false 408")       // id first
        #expect(try refusal("\(set)('cmi.interactions.0.id', 'a')") == "true 0")
        #expect(try refusal("\(set)('cmi.interactions.1.id', 'a')") == "false 351")              // id used at index 0
        #expect(try refusal("\(set)('cmi.interactions.0.correct_responses.0.pattern', 'x')") == "false 408")
        #expect(try refusal("Initialize('')") == "false 103")
    }
}

// Why packages carry no mastery score: given one, a SCORM 1.2 LMS judges the score itself at LMSFinish
// and overrides the SCO's status (here, lessons still to view, yet "passed").
@Test func theStrictLMSAppliesAManifestsMasteryScoreAsSCORM12LMSsDo() throws {
    let course = try statusCourse()
    let package = try LMSPackage(course: course.url, format: "scorm12")
    let manifest = try String(contentsOf: package.folder.url.appendingPathComponent("imsmanifest.xml"), encoding: .utf8)
    try package.folder.write(manifest.replacing(/(<item identifier="ITEM-course"[^>]*>\s*<title>[^<]*<\/title>)/) {
        $0.1 + "<adlcp:masteryscore>70</adlcp:masteryscore>"
    }, to: "imsmanifest.xml")
    #expect(try String(contentsOf: package.folder.url.appendingPathComponent("imsmanifest.xml"), encoding: .utf8).contains("masteryscore"))
    let browser = try Browser()
    try startSession(LMSSession(edition: "1.2"), package, browser)
    try show("basics/check.html", in: browser)
    try answer(browser)
    let record = try endSession(browser)
    #expect(record.cmi["cmi.student_data.mastery_score"] == "70")
    #expect(record.cmi["cmi.core.score.raw"] == "100")
    #expect(record.cmi["cmi.core.lesson_status"] == "passed", "the LMS's verdict, not the SCO's incomplete")
}
