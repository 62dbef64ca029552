// A quiz attempt in progress inside a SCORM package survives leaving the LMS: the open attempt travels in
// cmi.suspend_data (scorm.js, "Open attempts"), so a new session resumes it with its order, its answers
// and a timer that kept running, or grades it when its time ran out while the learner was away. Played in
// the strict LMS (StrictLMS.swift) in both editions, plus the format's limits on SCORM 1.2's 4,096 characters.
import Foundation
import LecternTesting
import Testing

/// One lesson and a timed (5 minutes), shuffled quiz: three single choice questions, a multiple choice and a short answer.
private func openAttemptCourse() throws -> TemporaryCourse {
    var quiz = "id: timed\ntitle: Timed\ntime_limit_minutes: 5\nshuffle_questions: true\nshuffle_choices: true\nquestions:\n"
    for number in 1...3 {
        quiz += """
          - {id: s\(number), type: single, prompt: Pick C \(number), choices: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C, correct: true}, {id: d, text: D}]}

        """
    }
    quiz += """
      - {id: pick, type: multiple, prompt: Pick A and C, choices: [{id: a, text: A, correct: true}, {id: b, text: B}, {id: c, text: C, correct: true}]}
      - {id: word, type: short, prompt: Say yes, answers: ["yes"]}

    """
    return try TemporaryCourse([
        "course.yaml": "id: open-check\ntitle: Open check\nlanguage: en\n",
        "01-m/module.yaml": "title: M\n",
        "01-m/01-read.md": "---\nid: read\n---\n# Read\n\nText.\n",
        "01-m/02-timed.quiz.yaml": quiz,
    ], name: "open-check")
}

/// Each question on screen as "id:choice,choice" (the order shown).
private let shownOrder = """
    return Array.from(\(coursePage).document.querySelectorAll('li.question'),
      (item) => item.dataset.questionId + ':' + Array.from(item.querySelectorAll('.choice input'), (input) => input.value).join(','));
    """

/// The answers in the page's inputs: checked choices as "question=choice", the typed answer as "word=text".
private let shownAnswers = """
    const doc = \(coursePage).document;
    return Array.from(doc.querySelectorAll('.choice input:checked'), (input) => input.name.replace(/^q-/, '') + '=' + input.value).sort()
      .concat(['word=' + doc.getElementById('q-word-answer').value]);
    """

/// The seconds left on the quiz page's timer ("mm:ss" in its text).
private func secondsLeft(_ browser: Browser) throws -> Int {
    try browser.wait(until: "\(coursePage).document.querySelector('.quiz-timer') && !\(coursePage).document.querySelector('.quiz-timer').hidden"
                        + " && /\\d+:\\d\\d/.test(\(coursePage).document.querySelector('.quiz-timer').textContent)")
    let text = try browser.execute("return \(coursePage).document.querySelector('.quiz-timer').textContent;") as? String ?? ""
    let match = try #require(text.firstMatch(of: /(\d+):(\d\d)/), "\(text)")
    return (Int(match.1) ?? 0) * 60 + (Int(match.2) ?? 0)
}

/// The stored record with every open attempt's start moved `ms` earlier (time spent away from the LMS).
private func rewound(_ stored: [String: String], by ms: Int) throws -> [String: String] {
    var stored = stored
    var fields = try #require(stored["cmi.suspend_data"]).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    try #require(fields.count == 6, "an open-attempts group: \(fields)")
    fields[5] = try fields[5].split(separator: ",").map { entry in
        var parts = entry.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let started = try #require(Int(parts[1], radix: 36))
        parts[1] = String(started - ms, radix: 36)
        return parts.joined(separator: ".")
    }.joined(separator: ",")
    stored["cmi.suspend_data"] = fields.joined(separator: "|")
    return stored
}

@Test(arguments: editions)
func anOpenQuizAttemptResumesInANewSessionAndIsGradedWhenItsTimeRanOut(format: String) throws {
    let course = try openAttemptCourse()
    let package = try LMSPackage(course: course.url, format: format)
    let browser = try Browser()
    var session = LMSSession(edition: package.edition)
    try startSession(session, package, browser)
    try show("m/timed.html", in: browser)
    try browser.wait(until: "!\(coursePage).document.querySelector('.quiz-start').hidden")
    try browser.execute("\(coursePage).document.querySelector('.quiz-start').click();")
    try browser.wait(until: "!\(coursePage).document.querySelector('.quiz-submit').hidden")
    try browser.execute("""
        const page = \(coursePage);
        const doc = page.document;
        for (const [name, value] of [['q-s1', 'c'], ['q-pick', 'a'], ['q-pick', 'c']]) {
          const input = doc.querySelector(`input[name="${name}"][value="${value}"]`);
          input.checked = true;
          input.dispatchEvent(new page.Event('change', {bubbles: true}));
        }
        const word = doc.getElementById('q-word-answer');
        word.value = 'a|b été';
        word.dispatchEvent(new page.Event('input', {bubbles: true}));
        """)
    let order = try #require(try browser.execute(shownOrder) as? [String])
    let answers = try #require(try browser.execute(shownAnswers) as? [String])
    #expect(answers == ["pick=a", "pick=c", "s1=c", "word=a|b été"], "\(answers)")
    var record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let data = try #require(record.cmi["cmi.suspend_data"])
    #expect(!data.contains("é") && data.split(separator: "|", omittingEmptySubsequences: false).count == 6,
            "the open attempt in its own group, in ASCII: \(data)")

    // Back two minutes later: the same order and answers, and the timer went on (3 of 5 minutes left).
    session.entry = "resume"
    session.stored = try rewound(record.next, by: 120_000)
    try startSession(session, package, browser)
    try show("m/timed.html", in: browser)
    let left = try secondsLeft(browser)
    #expect(left <= 180 && left > 150, "the timer kept running: \(left) s left")
    #expect(try browser.execute(shownOrder) as? [String] == order)
    #expect(try browser.execute(shownAnswers) as? [String] == answers)
    #expect(try browser.execute("return \(coursePage).document.querySelector('.quiz-start').hidden;") as? Bool == true)
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")

    // Back after the time ran out: the quiz page (the bookmark) grades the attempt on its answers as it
    // opens (s1 and pick right: 2 of 5).
    session.stored = try rewound(record.next, by: 600_000)
    try startSession(session, package, browser)
    #expect(try browser.execute("return \(coursePage).location.pathname;") as? String == "/m/timed.html")
    try browser.wait(until: "!\(coursePage).document.querySelector('.quiz-result').hidden")
    let progress = try #require(try browser.execute(
        "return document.getElementById('sco').contentWindow.LecternSCO.loadProgress('open-check');") as? [String: Any])
    let quiz = (progress["quizzes"] as? [String: [String: Any]])?["timed"]
    #expect(quiz?["attempts"] as? Int == 1 && quiz?["best"] as? Double == 40, "\(progress)")
    #expect((progress["open"] as? [String: Any])?.isEmpty == true, "\(progress)")
    record = try endSession(browser)
    #expect(record.refusals.isEmpty, "\(record.refusals)")
    let results = Dictionary(uniqueKeysWithValues: zip(record.interactions("id"), record.interactions("result")))
    #expect(results.count == 5 && results.first { $0.key.hasSuffix("_s1") }?.value == "correct"
            && results.first { $0.key.hasSuffix("_pick") }?.value == "correct", "\(results)")
    let final = try #require(record.cmi["cmi.suspend_data"])
    #expect(final.split(separator: "|", omittingEmptySubsequences: false).count == 4, "no open attempt left: \(final)")
}

@Test func aScorm12RecordNearTheLimitDropsOpenAnswersFirstAndNeverALesson() throws {
    let course = try openAttemptCourse()
    let package = try LMSPackage(course: course.url, format: "scorm12")
    let browser = try Browser()
    try startSession(LMSSession(edition: "1.2"), package, browser)
    let failures = try #require(try browser.execute("""
        const failures = [];
        const check = (name, got, want) => {
          if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(name + ': got ' + JSON.stringify(got) + ', want ' + JSON.stringify(want));
        };
        const format = document.getElementById('sco').contentWindow.LecternSuspendData;
        const code = (index) => index.toString(36).padStart(4, '0');
        const questions = [{id: 'one', choices: ['a', 'b', 'c']}, {id: 'typed', choices: []}];
        const scopeOf = (count) => format.scope({codeWidth: 4, completion: 'all',
          lessons: Array.from({length: count}, (_, index) => ({id: 'l' + index, code: code(index)})),
          quizzes: [{id: 'quiz', code: 'zzzz', questions}]});
        const progressOf = (count, typed) => ({
          completed: Object.fromEntries(Array.from({length: count}, (_, index) => ['l' + index, index + 1])),
          quizzes: {quiz: {best: 50, last: 50, attempts: 1, passed: false}},
          open: {quiz: {startedAt: 1700000000000, order: ['typed', 'one'], choices: {one: ['c', 'a', 'b']}, answers: {one: 'b', typed}}},
          last: null});
        const without = (progress) => Object.assign({}, progress, {open: {}});

        // Room enough: the whole attempt, read back as the quiz page keeps it (typed text cut at 250).
        const long = 'é|'.repeat(50) + 'é'.repeat(300);
        let scope = scopeOf(10), progress = progressOf(10, long);
        let text = format.encode(progress, scope, 4096, {});
        check('starts as the record without it', text.startsWith(format.encode(without(progress), scope, 4096, {}) + '|'), true);
        check('whole attempt', format.decode(text, scope).open.quiz, {startedAt: 1700000000000, order: ['typed', 'one'],
          choices: {one: ['c', 'a', 'b']}, answers: {one: 'b', typed: long.slice(0, 250)}});

        // 700 lessons (2,800 characters): the typed answer's 1,350 do not fit, so the answers go; the order stays.
        scope = scopeOf(700); progress = progressOf(700, long);
        text = format.encode(progress, scope, 4096, {});
        let read = format.decode(text, scope);
        check('fits', text.length <= 4096, true);
        check('every lesson kept', read.completed.length, 700);
        check('the quiz kept', read.quizzes.quiz, {best: 50, attempts: 1, passed: false});
        check('answers dropped first', read.open.quiz, {startedAt: 1700000000000, order: ['typed', 'one'], choices: {one: ['c', 'a', 'b']}, answers: {}});

        // 1,014 lessons (4,070 characters with the quiz): the start alone still fits (17 characters), so the
        // timer does not restart; the order (8 more) does not.
        scope = scopeOf(1014); progress = progressOf(1014, 'x');
        text = format.encode(progress, scope, 4096, {});
        read = format.decode(text, scope);
        check('every lesson kept at 1,014', read.completed.length, 1014);
        check('the start kept', read.open.quiz, {startedAt: 1700000000000, order: ['one', 'typed'], choices: {one: ['a', 'b', 'c']}, answers: {}});
        check('fits at 1,014', text.length <= 4096, true);

        // 1,016 lessons: no room left for the attempt; the record is what it is without one.
        scope = scopeOf(1016); progress = progressOf(1016, 'x');
        text = format.encode(progress, scope, 4096, {});
        check('dropped, nothing else', text, format.encode(without(progress), scope, 4096, {}));
        check('every lesson kept at 1,016', format.decode(text, scope).completed.length, 1016);
        return failures;
        """) as? [String])
    #expect(failures == [], "\(failures.joined(separator: "\n"))")
    _ = try endSession(browser)
}
