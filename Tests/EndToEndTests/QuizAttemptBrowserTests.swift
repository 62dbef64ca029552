// Quiz attempts a learner cannot lose by accident, in headless Chromium: on a site opened from disk
// (the attempt lives in the browser's progress record) and on a site served by `lectern serve` (the
// server keeps it, across reloads and kiosks). Enter never submits; unanswered questions are named
// before submitting; feedback and right answers follow the quiz's show_answers.
import Foundation
import LecternTesting
import Testing

/// A course with one timed, shuffled quiz of two attempts, and a video lesson.
private func attemptCourse(showAnswers: String? = nil) throws -> TemporaryCourse {
    try TemporaryCourse([
        "course.yaml": """
        title: Attempts
        slug: attempts
        instructors:
          - {name: Tess Teacher, email: tess@example.org}
        """,
        "01-m/01-read.md": "# Read\n\nSome text.\n",
        "01-m/02-timed.quiz.yaml": """
        title: Timed
        time_limit_minutes: 10
        max_attempts: 2
        shuffle_questions: true
        \(showAnswers.map { "show_answers: \($0)" } ?? "")
        questions:
          - {id: pick, type: single, prompt: Pick A, explanation: "Because **A** is first.",
             choices: [{id: a, text: A, correct: true}, {id: b, text: B, feedback: "B is second."}]}
          - {id: word, type: short, prompt: Say yes, answers: ["yes"]}
          - {id: num, type: numeric, prompt: Two, answer: 2}
        """,
    ])
}

/// Clicks an element brought to the middle of the window (the sticky timer covers the bottom edge).
private func press(_ selector: String, in browser: Browser) throws {
    try browser.execute("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", [selector])
    try browser.click(selector)
}

/// The attempts course built and opened from disk, with the timed quiz started.
private func startTimedQuizFromDisk() throws -> (TemporaryCourse, Browser) {
    let course = try attemptCourse()
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    #expect(try runLectern("build", course.url.path, "--out", out.path).exitCode == 0)
    let browser = try Browser()
    try browser.open(out.appendingPathComponent("attempts/m/timed.html"))
    try browser.wait(until: "!document.querySelector('.quiz-start').hidden")
    try browser.click(".quiz-start")
    return (course, browser)
}

private let questionOrder = "return Array.from(document.querySelectorAll('li.question'), (item) => item.dataset.questionId)"

@Test func aStaticSiteResumesTheOpenAttemptAndAsksBeforeSubmittingUnanswered() throws {
    let (course, browser) = try startTimedQuizFromDisk()
    defer { _ = course }
    let order = try #require(try browser.execute(questionOrder) as? [String])
    try press("#q-pick-b", in: browser)
    try browser.type("yes", into: "#q-word-answer")

    // A reload resumes the attempt: same order, same answers, the timer still running; no attempt used.
    let startedAt = "JSON.parse(localStorage.getItem('lectern:v1:progress:attempts')).open['m.timed'].startedAt"
    let started = try #require(try browser.execute("return \(startedAt)") as? Double)
    try browser.reload()
    try browser.wait(until: "document.querySelector('.quiz-start').hidden && !document.querySelector('.questions').hidden")
    #expect(try browser.execute(questionOrder) as? [String] == order)
    #expect(try browser.execute("return document.getElementById('q-pick-b').checked") as? Bool == true)
    #expect(try browser.execute("return document.getElementById('q-word-answer').value") as? String == "yes")
    let record = "JSON.parse(localStorage.getItem('lectern:v1:progress:attempts'))"
    // The timer goes on from the attempt's start (however long the machine took), it does not restart.
    let drift = try #require(try browser.execute("""
        const [minutes, seconds] = document.querySelector('.quiz-timer').textContent.match(/(\\d+):(\\d+)/).slice(1).map(Number);
        return Math.abs(minutes * 60 + seconds - (600 - (Date.now() - \(record).open['m.timed'].startedAt) / 1000));
        """) as? Double)
    #expect(drift <= 2, "the timer is \(drift) s off the attempt's start")
    #expect(try browser.execute("return \(startedAt)") as? Double == started)
    #expect(try browser.execute("return \(record).quizzes['m.timed'] === undefined") as? Bool == true)

    // Enter in a typed answer does not submit.
    try browser.type("2\u{E007}", into: "#q-num-answer")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try browser.execute("return document.querySelector('.quiz-result').hidden") as? Bool == true)
    #expect(try browser.execute("return \(record).open['m.timed'].answers.num") as? String == "2")

    // Unanswered questions are named before submitting; "Keep answering" goes back to them.
    try browser.execute("document.getElementById('q-num-answer').value = ''")
    try press(".quiz-submit", in: browser)
    try browser.wait(until: "!document.querySelector('.quiz-confirm').hidden")
    let number = order.firstIndex(of: "num")! + 1
    #expect(try browser.text(".quiz-confirm-text") == "Question \(number) has no answer yet. Submit anyway?")
    try press(".quiz-confirm-cancel", in: browser)
    #expect(try browser.execute("return document.activeElement.id") as? String == "q-num-answer")
    try press(".quiz-submit", in: browser)
    try press(".quiz-confirm-submit", in: browser)

    // Graded: the score comes before "Try again", the timer is gone, feedback and explanation show, but
    // not the right answer while an attempt is left (show_answers defaults to after_last_attempt).
    try browser.wait(until: "document.querySelector('.quiz-result .quiz-score')")
    #expect(try browser.execute("""
        const result = document.querySelector('.quiz-result'), retry = document.querySelector('.quiz-retry');
        return Boolean(result.compareDocumentPosition(retry) & Node.DOCUMENT_POSITION_FOLLOWING) && !retry.hidden;
        """) as? Bool == true)
    #expect(try browser.execute("return document.querySelector('.quiz-timer').hidden") as? Bool == true)
    #expect(try browser.text("#feedback-pick").contains("B is second."))
    #expect(try browser.text("#feedback-pick").contains("Because A is first."))
    #expect(try browser.execute("return document.querySelector('.feedback-right-answer') === null") as? Bool == true)
    #expect(try browser.execute("return \(record).open['m.timed'] === undefined && \(record).quizzes['m.timed'].attempts === 1") as? Bool == true)

    // The last attempt, wrong again: now the right answer shows.
    try press(".quiz-retry", in: browser)
    try browser.click(".quiz-start")
    try press("#q-pick-b", in: browser)
    try browser.type("no", into: "#q-word-answer")
    try browser.type("3", into: "#q-num-answer")
    try press(".quiz-submit", in: browser)
    try browser.wait(until: "document.querySelector('.quiz-result .quiz-score')")
    #expect(try browser.text("#feedback-pick").contains("The right answer: A"))
    #expect(try browser.text("#feedback-word").contains("The right answer: yes"))
    #expect(try browser.text("#feedback-num").contains("The right answer: 2"))
    #expect(try browser.execute("return document.querySelector('.choice.is-right-answer input').value") as? String == "a")
}

@Test func aTimedAttemptLeftOpenPastItsTimeIsGradedOnReturn() throws {
    let (course, browser) = try startTimedQuizFromDisk()
    defer { _ = course }
    try press("#q-pick-a", in: browser)
    // The learner left eleven minutes ago.
    try browser.execute("""
        const key = 'lectern:v1:progress:attempts', record = JSON.parse(localStorage.getItem(key));
        record.open['m.timed'].startedAt -= 11 * 60 * 1000;
        localStorage.setItem(key, JSON.stringify(record));
        """)
    try browser.reload()
    try browser.wait(until: "document.querySelector('.quiz-result .quiz-score')")
    #expect(try browser.text(".quiz-result").contains("Time is up"))
    #expect(try browser.text(".quiz-result").contains("33.3%"))
}

@Test func aVideoLessonCountsOnceEnoughOfTheVideoHasPlayed() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Video\nslug: video\ncompletion: {video_percent: 50}\n",
        "01-m/01-watch.md": "---\ntype: video\nvideo: ../media/clip.mp4\n---\n# Watch\n\nWatch this.\n",
        "media/clip.mp4": "not really a video",
    ])
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    let build = try runLectern("build", course.url.path, "--out", out.path)
    #expect(build.exitCode == 0, "\(build.stderr)")
    let browser = try Browser()
    try browser.open(out.appendingPathComponent("video/m/watch.html"))
    try browser.wait(until: "document.querySelector('video[data-complete-percent=\"50\"]')")
    let completed = "return Object.keys((JSON.parse(localStorage.getItem('lectern:v1:progress:video')) || {completed: {}}).completed)"
    #expect(try browser.execute(completed) as? [String] == [])
    // The page reads what has really played: 40 of 100 seconds is not enough, 60 is.
    func played(_ seconds: Int) throws {
        try browser.execute("""
            const video = document.querySelector('video');
            Object.defineProperty(video, 'duration', {configurable: true, get: () => 100});
            Object.defineProperty(video, 'played', {configurable: true, get: () => ({length: 2,
              start: (index) => [0, 70][index], end: (index) => [\(seconds / 2), 70 + \(seconds / 2)][index]})});
            video.dispatchEvent(new Event('timeupdate'));
            """)
    }
    try played(40)
    #expect(try browser.execute(completed) as? [String] == [])
    try played(60)
    #expect(try browser.execute(completed) as? [String] == ["m.watch"])
}
