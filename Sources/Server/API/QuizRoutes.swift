import CourseModel
import Foundation
import HTTP

/// `/api/v1/quizzes` and `/api/v1/attempts`: quizzes graded on the server. Questions go out without
/// their answers; answers come back and are graded here.
struct QuizRoutes {
    let catalog: Catalog
    let store: any Storage
    var learning: Learning { Learning(store: store) }

    struct PublicChoice: Encodable { var id: String; var text: String }
    struct PublicQuestion: Encodable { var id: String; var type: String; var prompt: String; var points: Double; var choices: [PublicChoice] }
    struct PublicQuiz: Encodable {
        var id: String, course: String, title: String, description: String?, passScore: Double, maxAttempts: Int?
        var timeLimitMinutes: Int?, questions: [PublicQuestion]
    }
    struct Submission: Decodable {
        struct Answer: Decodable { var questionId: String; var answer: AnswerValue }
        var answers: [Answer]
    }
    struct AttemptView: Encodable {
        var id: Int, quiz: String, course: String, startedAt: Int, deadline: Int?, questionOrder: [String]
        /// Choice ids per question in the order to show them (shuffled per attempt when the quiz asks).
        var choiceOrder: [String: [String]]
        var submittedAt: Int?, score: Double?, passed: Bool?
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/quizzes/{id}") { context in
            let (course, quiz) = try find(context)
            return JSONResponse.make(Self.publicQuiz(quiz, course: course))
        }
        router.add("POST", "/api/v1/quizzes/{id}/attempts") { try start($0) }
        router.add("POST", "/api/v1/attempts/{id}/submit") { try submit($0) }
        router.add("GET", "/api/v1/attempts/{id}") { context in
            let attempt = try owned(context)
            return JSONResponse.make(Self.view(attempt, quiz: try? catalog.course(attempt.course).quizzes.first { $0.id == attempt.quiz }))
        }
    }

    static func publicQuiz(_ quiz: Quiz, course: Course) -> PublicQuiz {
        PublicQuiz(id: quiz.id, course: course.slug, title: quiz.title, description: quiz.description, passScore: quiz.passScore,
                   maxAttempts: quiz.maxAttempts, timeLimitMinutes: quiz.timeLimitMinutes,
                   questions: quiz.questions.map { question in
                       PublicQuestion(id: question.id, type: question.kind.rawValue, prompt: question.prompt, points: question.points,
                                      choices: question.choices.map { PublicChoice(id: $0.id, text: $0.text) })
                   })
    }

    static func view(_ attempt: Attempt, quiz: Quiz?) -> AttemptView {
        var choiceOrder: [String: [String]] = [:]
        var generator = SeededGenerator(seed: UInt64(attempt.id))
        for question in quiz?.questions ?? [] where !question.choices.isEmpty {
            let ids = question.choices.map(\.id)
            // true/false stays in its natural order; other choices shuffle with a seed from the attempt, so
            // the order is the same every time the attempt is read, without storing it.
            choiceOrder[question.id] = quiz?.shuffleChoices == true && question.kind != .trueFalse ? ids.shuffled(using: &generator) : ids
        }
        return AttemptView(id: attempt.id, quiz: attempt.quiz, course: attempt.course, startedAt: attempt.startedAt, deadline: attempt.deadline,
                           questionOrder: attempt.questionOrder, choiceOrder: choiceOrder, submittedAt: attempt.submittedAt,
                           score: attempt.score, passed: attempt.passed)
    }

    func find(_ context: RequestContext) throws -> (Course, Quiz) {
        let id = context.parameters["id"] ?? ""
        let course = try catalog.course(ofItem: id, hint: context.request.query["course"])
        guard let quiz = course.quizzes.first(where: { $0.id == id }) else { throw HTTPError.notFound("'\(id)' is not a quiz") }
        return (course, quiz)
    }

    /// Starts an attempt: enrolled students, within `max_attempts`; shuffled order and a deadline when asked.
    func start(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let (course, quiz) = try find(context)
        try learning.requireEnrollment(user, in: course)
        let order = quiz.shuffleQuestions ? quiz.questions.map(\.id).shuffled() : quiz.questions.map(\.id)
        let deadline = quiz.timeLimitMinutes.map { Store.now + $0 * 60 }
        let attempt = try store.startAttempt(userID: user.id, course: course.slug, quiz: quiz.id, maxAttempts: quiz.maxAttempts,
                                             deadline: deadline, order: order)
        return JSONResponse.make(status: 201, Self.view(attempt, quiz: quiz))
    }

    /// Grades and stores a submission; refuses one after the deadline (30 s of grace for the network) or a second one.
    func submit(_ context: RequestContext) throws -> HTTPResponse {
        let attempt = try owned(context)
        // Only the learner answers their attempt; an administrator may read it but not change its grade.
        guard try attempt.userID == context.requireUser().id else { throw HTTPError.forbidden }
        guard attempt.submittedAt == nil else { throw HTTPError.conflict("this attempt was already submitted") }
        if let deadline = attempt.deadline, Store.now > deadline + 30 { throw HTTPError.conflict("the time limit of this attempt has passed") }
        let course = try catalog.course(attempt.course)
        guard let quiz = course.quizzes.first(where: { $0.id == attempt.quiz }) else { throw HTTPError.notFound("the quiz no longer exists") }
        let body = try JSONResponse.decode(Submission.self, from: context.request)
        var answers: [String: SubmittedAnswer] = [:]
        for answer in body.answers {
            guard quiz.questions.contains(where: { $0.id == answer.questionId }) else {
                throw HTTPError.invalid("question '\(answer.questionId)' is not in this quiz")
            }
            answers[answer.questionId] = answer.answer.submitted
        }
        let graded = quiz.grade(answers)
        let passed = graded.score >= quiz.passScore
        let stored = String(decoding: (try? JSONEncoder().encode(body.answers.map { [$0.questionId: $0.answer.text] })) ?? Data(), as: UTF8.self)
        try store.submitAttempt(id: attempt.id, answersJSON: stored, score: graded.score, passed: passed, correct: graded.correct)
        try learning.issueCertificateIfEarned(userID: attempt.userID, course: course)
        struct Result: Encodable { var questionId: String; var correct: Bool }
        struct Graded: Encodable { var id: Int; var score: Double; var earned: Double; var total: Double; var passed: Bool; var results: [Result] }
        return JSONResponse.make(Graded(id: attempt.id, score: graded.score, earned: graded.earned, total: quiz.totalPoints, passed: passed,
                                        results: quiz.questions.map { Result(questionId: $0.id, correct: graded.correct.contains($0.id)) }))
    }

    /// An attempt its learner or an admin may see.
    func owned(_ context: RequestContext) throws -> Attempt {
        _ = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let attempt = try store.attempt(id: id) else { throw HTTPError.notFound("no such attempt") }
        _ = try context.requireOwnerOrAdmin(attempt.userID)
        return attempt
    }
}

/// An answer in a submission: a choice id, a list of choice ids, text or a number.
enum AnswerValue: Decodable {
    case string(String)
    case strings([String])
    case number(Double)
    case bool(Bool)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let list = try? container.decode([String].self) { self = .strings(list) }
        else { throw DecodingError.typeMismatch(AnswerValue.self, .init(codingPath: decoder.codingPath, debugDescription: "answer")) }
    }

    /// As the grader reads it: a string is a choice id or typed text (the question's type decides).
    var submitted: SubmittedAnswer {
        switch self {
        case .string(let text): .text(text)
        case .strings(let ids): .choices(ids)
        case .number(let number): .number(number)
        case .bool(let flag): .choice(flag ? "true" : "false")
        }
    }

    var text: String {
        switch self {
        case .string(let text): text
        case .strings(let ids): ids.joined(separator: ",")
        case .number(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }
}

/// SplitMix64: a small deterministic generator for per-attempt shuffles.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
