// The browser side of the shared grading and progress cases: the same files the Swift grader passes
// (CourseModelTests/SharedCasesTests.swift), run by the theme's grading.js and progress.js in headless
// Chromium, on a quiz page built by the real builder from the cases' own quiz.
import Foundation
import LecternTesting
import Testing

/// The cases' quiz built into a site and opened from disk.
private func openGradingQuiz(in browser: Browser) throws -> TemporaryCourse {
    let course = try SharedCases.gradingCourse()
    let out = course.url.deletingLastPathComponent().appendingPathComponent("site")
    let result = try runLectern("build", course.url.path, "--out", out.path)
    #expect(result.exitCode == 0, "\(result.stderr)")
    try browser.open(out.appendingPathComponent("grading-cases/cases/cases.html"))
    try browser.wait(until: "window.LecternGrading && document.getElementById('quiz-key')")
    return course
}

@Test func theBrowserGradesEverySharedCase() throws {
    let browser = try Browser()
    let course = try openGradingQuiz(in: browser)
    defer { _ = course }
    let failures = try browser.execute("""
        const file = JSON.parse(arguments[0]);
        const key = JSON.parse(document.getElementById('quiz-key').textContent);
        const questions = new Map(key.questions.map((question) => [question.id, question]));
        const failures = [];
        for (const entry of file.cases) {
          const question = questions.get(entry.question);
          const got = question ? LecternGrading.isCorrect(question, entry.answer) : 'no question';
          if (got !== entry.correct) failures.push(entry.question + ' ' + JSON.stringify(entry.answer) + ': ' + entry.rule + ' (got ' + got + ')');
        }
        for (const entry of file.scores) {
          const graded = LecternGrading.gradeQuiz(key, entry.answers);
          const want = [entry.earned, entry.total, entry.score, entry.passed].join();
          const got = [graded.earned, graded.total, graded.score, graded.passed].join();
          if (want !== got) failures.push(entry.rule + ': want ' + want + ', got ' + got);
        }
        return failures.concat(['checked ' + file.cases.length]);
        """, [try SharedCases.text("grading")]) as? [String]
    let lines = try #require(failures)
    #expect(lines.last == "checked \(try #require(SharedCases.load("grading")["cases"] as? [Any]).count)")
    #expect(lines.dropLast().isEmpty, "\(lines.dropLast().joined(separator: "\n"))")
}

@Test func theBrowserFollowsEverySharedProgressCase() throws {
    let browser = try Browser()
    let course = try openGradingQuiz(in: browser)
    defer { _ = course }
    let failures = try browser.execute("""
        const file = JSON.parse(arguments[0]);
        const failures = [];
        for (const entry of file.cases) {
          // The record as the quiz page writes it: an attempt's pass is judged against the quiz's pass mark.
          const record = { completed: {}, quizzes: {}, last: null };
          for (const id of entry.viewed) record.completed[id] = 1700000000000;
          const marks = new Map(entry.quizzes.map((quiz) => [quiz.id, quiz.pass_score]));
          for (const [id, best] of Object.entries(entry.best)) {
            record.quizzes[id] = { best, last: best, attempts: 1, passed: marks.has(id) && best >= marks.get(id) };
          }
          const standing = LecternProgress.standing(LecternProgress.sanitize(record),
            { lessons: entry.lessons, quizzes: entry.quizzes.map((quiz) => quiz.id), completion: entry.completion });
          for (const [field, want] of Object.entries(entry.expect)) {
            if (standing[field] !== want) failures.push(entry.name + ': ' + field + ' want ' + want + ', got ' + standing[field]);
          }
        }
        return failures;
        """, [try SharedCases.text("progress")]) as? [String]
    #expect(failures == [], "\(failures ?? [])")
}
