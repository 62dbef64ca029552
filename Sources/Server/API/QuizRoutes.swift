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
        var timeLimitMinutes: Int?, shuffleQuestions: Bool, shuffleChoices: Bool, showAnswers: String, questions: [PublicQuestion]
    }
    struct Submission: Decodable {
        var answers: [AttemptAnswer]
    }
    struct AttemptView: Encodable {
        var id: Int, quiz: String, course: String
        @Timestamp var startedAt: Int
        @OptionalTimestamp var deadline: Int?
        var questionOrder: [String]
        /// Choice ids per question in the order to show them (shuffled per attempt when the quiz asks).
        var choiceOrder: [String: [String]]
        @OptionalTimestamp var submittedAt: Int?
        var score: Double?, passed: Bool?
        /// The answers saved so far while open, or those submitted.
        var answers: [AttemptAnswer]
        /// Whether starting found this attempt already open (a reload, another kiosk).
        var resumed: Bool
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/quizzes/{id}") { context in
            let (course, quiz) = try find(context)
            return JSONResponse.make(Self.publicQuiz(quiz, course: course))
        }
        router.add("GET", "/api/v1/quizzes/{id}/attempts") { try list($0) }
        router.add("POST", "/api/v1/quizzes/{id}/attempts") { try start($0) }
        router.add("PUT", "/api/v1/attempts/{id}/answers") { try saveAnswers($0) }
        router.add("POST", "/api/v1/attempts/{id}/submit") { try submit($0) }
        router.add("GET", "/api/v1/attempts/{id}") { context in
            let attempt = try owned(context)
            return JSONResponse.make(Self.view(attempt, quiz: try? catalog.course(attempt.course).quizzes.first { $0.id == attempt.quiz }))
        }
        router.add("POST", "/api/v1/courses/{slug}/quizzes/{quiz}/extra-attempts") { try grant($0) }
    }

    static func publicQuiz(_ quiz: Quiz, course: Course) -> PublicQuiz {
        PublicQuiz(id: quiz.id, course: course.slug, title: quiz.title, description: quiz.description, passScore: quiz.passScore,
                   maxAttempts: quiz.maxAttempts, timeLimitMinutes: quiz.timeLimitMinutes, shuffleQuestions: quiz.shuffleQuestions,
                   shuffleChoices: quiz.shuffleChoices, showAnswers: quiz.showAnswers.rawValue,
                   questions: quiz.questions.map { question in
                       PublicQuestion(id: question.id, type: question.kind.rawValue, prompt: question.prompt, points: question.points,
                                      choices: question.choices.map { PublicChoice(id: $0.id, text: $0.text) })
                   })
    }

    static func view(_ attempt: Attempt, quiz: Quiz?, resumed: Bool = false) -> AttemptView {
        var choiceOrder: [String: [String]] = [:]
        var generator = SeededGenerator(seed: UInt64(attempt.id))
        for question in quiz?.questions ?? [] where !question.choices.isEmpty {
            let ids = question.choices.map(\.id)
            // true/false stays in its natural order; other choices shuffle with a seed from the attempt, so
            // the order is the same every time the attempt is read, without storing it.
            choiceOrder[question.id] = quiz?.shuffleChoices == true && question.kind != .trueFalse ? ids.shuffled(using: &generator) : ids
        }
        let answers = Learning.answers(fromJSON: attempt.answersJSON ?? attempt.draftJSON)
        return AttemptView(id: attempt.id, quiz: attempt.quiz, course: attempt.course, startedAt: attempt.startedAt, deadline: attempt.deadline,
                           questionOrder: attempt.questionOrder, choiceOrder: choiceOrder, submittedAt: attempt.submittedAt,
                           score: attempt.score, passed: attempt.passed, answers: answers, resumed: resumed)
    }

    func find(_ context: RequestContext) throws -> (Course, Quiz) {
        let id = context.parameters["id"] ?? ""
        let course = try catalog.course(ofItem: id, hint: context.request.query["course"])
        guard let quiz = course.quizzes.first(where: { $0.id == id }) else { throw HTTPError.notFound("'\(id)' is not a quiz") }
        return (course, quiz)
    }

    /// The caller's attempts at a quiz, the open one in full (to resume it), and how many are left.
    func list(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let (course, quiz) = try find(context)
        let (attempts, allowed) = try learning.attempts(of: user, at: quiz, in: course)
        struct Summary: Encodable {
            var id: Int
            @Timestamp var startedAt: Int
            @OptionalTimestamp var submittedAt: Int?
            var score: Double?, passed: Bool?
        }
        struct Listing: Encodable { var attempts: [Summary]; var open: AttemptView?; var allowed: Int?; var left: Int? }
        let open = attempts.last { $0.isOpen(at: Clock.now) }
        return JSONResponse.make(Listing(
            attempts: attempts.map { Summary(id: $0.id, startedAt: $0.startedAt, submittedAt: $0.submittedAt, score: $0.score, passed: $0.passed) },
            open: open.map { Self.view($0, quiz: quiz, resumed: true) },
            allowed: allowed, left: allowed.map { max(0, $0 - attempts.count) }))
    }

    /// Starts an attempt, or hands back the one still open: 201 new, 200 resumed.
    func start(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let (course, quiz) = try find(context)
        try Catalog.requireAuthored(course, step: quiz.id)
        let (attempt, resumed) = try learning.startAttempt(by: user, at: quiz, in: course)
        return JSONResponse.make(status: resumed ? 200 : 201, Self.view(attempt, quiz: quiz, resumed: resumed))
    }

    /// Saves the answers given so far in an open attempt, so a reload or another kiosk picks them up.
    func saveAnswers(_ context: RequestContext) throws -> HTTPResponse {
        let (attempt, _, quiz) = try answerable(context)
        try learning.save(try JSONResponse.decode(Submission.self, from: context.request).answers, to: attempt, of: quiz)
        return HTTPResponse(status: 204)
    }

    /// Grades and stores a submission, with each question's feedback.
    func submit(_ context: RequestContext) throws -> HTTPResponse {
        let (attempt, course, quiz) = try answerable(context)
        // The attempt's state (409) comes before the body (400, 422), as the API describes.
        try learning.requireOpen(attempt, of: quiz, in: course)
        let body = try JSONResponse.decode(Submission.self, from: context.request)
        let grade = try learning.submit(body.answers, to: attempt, of: quiz, in: course)
        return JSONResponse.make(GradedAttempt(attempt: attempt, grade: grade, quiz: quiz, feedback: catalog.feedback[course.slug]?[quiz.id] ?? [:]))
    }

    /// Staff give a learner more attempts at a quiz than `max_attempts` allows (logged).
    func grant(_ context: RequestContext) throws -> HTTPResponse {
        let (staff, course) = try context.overseenCourse(in: catalog)
        let quizID = context.parameters["quiz"] ?? ""
        guard let quiz = course.quizzes.first(where: { $0.id == quizID }) else { throw HTTPError.notFound("'\(quizID)' is not a quiz of this course") }
        struct Body: Decodable { var userId: Int; var count: Int? }
        let body = try JSONResponse.decode(Body.self, from: context.request)
        guard let learner = try store.user(id: body.userId) else { throw HTTPError.notFound("no user \(body.userId)") }
        let granted = try learning.grant(body.count ?? 1, attemptsAt: quiz.id, in: course.slug, maxAttempts: quiz.maxAttempts,
                                         to: learner, by: staff, from: context.clientAddress)
        struct Granted: Encodable { var userId: Int; var quiz: String; var extraAttempts: Int; var allowed: Int?; var left: Int? }
        return JSONResponse.make(Granted(userId: learner.id, quiz: quiz.id, extraAttempts: granted.extra, allowed: granted.allowed,
                                         left: granted.left))
    }

    /// An attempt its learner or an admin may see.
    func owned(_ context: RequestContext) throws -> Attempt {
        _ = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let attempt = try store.attempt(id: id) else { throw HTTPError.notFound("no such attempt") }
        _ = try context.requireOwnerOrAdmin(attempt.userID)
        return attempt
    }

    /// An attempt only its learner answers (an administrator may read it, not change its grade), with its quiz.
    func answerable(_ context: RequestContext) throws -> (Attempt, Course, Quiz) {
        let attempt = try owned(context)
        guard try attempt.userID == context.requireUser().id else { throw HTTPError.forbidden }
        let course = try catalog.course(attempt.course)
        guard let quiz = course.quizzes.first(where: { $0.id == attempt.quiz }) else { throw HTTPError.notFound("the quiz no longer exists") }
        return (attempt, course, quiz)
    }
}

/// A graded submission: the score, and per question whether it was right, its feedback and, when the
/// quiz's `show_answers` allows it after this attempt, the right answer.
struct GradedAttempt: Encodable {
    struct RightAnswer: Encodable { var choices: [String]?; var text: String?; var value: Double?; var tolerance: Double? }
    struct Result: Encodable {
        var questionId: String
        var correct: Bool
        var explanation: String?
        /// Feedback HTML of the choices the learner picked.
        var choiceFeedback: [String]
        var rightAnswer: RightAnswer?
    }
    var id: Int, score: Double, earned: Double, total: Double, passed: Bool
    /// Attempts the learner has left after this one (nil: unlimited).
    var attemptsLeft: Int?
    var answersShown: Bool
    var results: [Result]

    init(attempt: Attempt, grade: Learning.Grade, quiz: Quiz, feedback: [String: QuestionFeedback]) {
        id = attempt.id
        score = grade.score
        earned = grade.earned
        total = quiz.totalPoints
        passed = grade.score >= quiz.passScore
        attemptsLeft = grade.left
        answersShown = quiz.showAnswers.reveals(attemptsLeft: grade.left)
        let shown = answersShown
        results = quiz.questions.map { question in
            let correct = grade.correct.contains(question.id)
            let chosen: [String] = switch grade.answers[question.id] {
            case .text(let id): [id]
            case .list(let ids): ids
            case .bool(let flag): [flag ? "true" : "false"]
            default: []
            }
            let notes = feedback[question.id]
            return Result(questionId: question.id, correct: correct, explanation: notes?.explanationHTML,
                          choiceFeedback: question.choices.filter { chosen.contains($0.id) }.compactMap { notes?.choiceHTML[$0.id] },
                          rightAnswer: shown && !correct ? Self.rightAnswer(question) : nil)
        }
    }

    static func rightAnswer(_ question: Question) -> RightAnswer {
        switch question.answer {
        case .single(let choices), .multiple(let choices): RightAnswer(choices: choices.filter(\.isCorrect).map(\.id))
        case .trueFalse(let value): RightAnswer(choices: [value ? "true" : "false"])
        case .short(let accepted, _, _): RightAnswer(text: accepted.first)
        case .numeric(let value, let tolerance): RightAnswer(value: value, tolerance: tolerance)
        }
    }
}

/// An answer in a submission: a choice id, a list of choice ids, text or a number.
enum AnswerValue: Codable {
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
        case .strings(let ids): .list(ids)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .strings(let ids): try container.encode(ids)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
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
