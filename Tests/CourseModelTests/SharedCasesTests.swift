// The server's grader and standing against the shared cases; the browser runs the same files
// (EndToEndTests/SharedCasesBrowserTests.swift).
import CourseModel
import Foundation
import LecternTesting
import Testing

/// A JSON answer as the server decodes it (a boolean is never read as a number, nor a number as one).
private struct Answer: Decodable {
    var value: SubmittedAnswer
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { value = .bool(flag) }
        else if let text = try? container.decode(String.self) { value = .text(text) }
        else if let number = try? container.decode(Double.self) { value = .number(number) }
        else { value = .list(try container.decode([String].self)) }
    }
}

private struct GradingCases: Decodable {
    struct Case: Decodable { var question: String; var answer: Answer?; var correct: Bool; var rule: String }
    struct Score: Decodable { var answers: [String: Answer]; var earned: Double; var total: Double; var score: Double; var passed: Bool; var rule: String }
    var cases: [Case]
    var scores: [Score]
}

private func gradingCases() throws -> GradingCases {
    try JSONDecoder().decode(GradingCases.self, from: Data(SharedCases.text("grading").utf8))
}

private func gradingQuiz() throws -> Quiz {
    let course = try SharedCases.gradingCourse()
    let loaded = try Loader.load(course.url)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return try #require(loaded.course.quizzes.first)
}

@Test func theServerGradesEverySharedCase() throws {
    let quiz = try gradingQuiz()
    let questions = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, $0) })
    let cases = try gradingCases().cases
    #expect(cases.count > 80)
    for entry in cases {
        let question = try #require(questions[entry.question], "no question \(entry.question)")
        #expect(question.isCorrect(entry.answer?.value) == entry.correct,
                "\(entry.question) \(String(describing: entry.answer?.value)): \(entry.rule)")
    }
}

@Test func theServerScoresEverySharedCase() throws {
    let quiz = try gradingQuiz()
    for entry in try gradingCases().scores {
        let graded = quiz.grade(entry.answers.mapValues(\.value))
        #expect(graded.earned == entry.earned, "\(entry.rule)")
        #expect(quiz.totalPoints == entry.total, "\(entry.rule)")
        #expect(graded.score == entry.score, "\(entry.rule)")
        #expect((graded.score >= quiz.passScore) == entry.passed, "\(entry.rule)")
    }
}

@Test func standingFollowsEverySharedProgressCase() throws {
    let cases = try #require(SharedCases.load("progress")["cases"] as? [[String: Any]])
    for entry in cases {
        let name = entry["name"] as? String ?? ""
        let quizzes = (entry["quizzes"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, ($0["pass_score"] as! NSNumber).doubleValue) }
        let rule = try #require(CompletionRule.Requirement(rawValue: entry["completion"] as? String ?? ""))
        let standing = CourseStanding(lessons: entry["lessons"] as? [String] ?? [], quizzes: quizzes, require: rule,
                                      completedLessons: Set(entry["viewed"] as? [String] ?? []),
                                      bestScores: (entry["best"] as? [String: NSNumber] ?? [:]).mapValues(\.doubleValue))
        let expect = try #require(entry["expect"] as? [String: Any])
        #expect(standing.lessonsCompleted == expect["lessonsDone"] as? Int, "\(name)")
        #expect(standing.quizzesAttempted == expect["quizzesAttempted"] as? Int, "\(name)")
        #expect(standing.quizzesPassed == expect["quizzesPassed"] as? Int, "\(name)")
        #expect(standing.percent == (expect["percent"] as? NSNumber)?.doubleValue, "\(name)")
        #expect(standing.completed == expect["complete"] as? Bool, "\(name)")
    }
}
