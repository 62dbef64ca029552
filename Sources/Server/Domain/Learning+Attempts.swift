import CourseModel
import Foundation

/// One answer of a submission or of the answers saved while an attempt is open.
struct AttemptAnswer: Codable, Sendable {
    var questionId: String
    var answer: AnswerValue
}

/// Quiz attempts graded on the server: one open attempt at a time that a reload or another kiosk
/// resumes, answers saved as they are given, attempts whose time ran out graded on those answers, and
/// extra attempts granted by a course's staff.
extension Learning {
    /// What a graded submission gives back.
    struct Grade: Sendable {
        /// The answers by question id, as graded.
        var answers: [String: SubmittedAnswer]
        var earned: Double, score: Double, correct: Set<String>
        /// Attempts left after this one (nil: unlimited).
        var left: Int?
    }

    /// The learner's attempts at a quiz (after grading those whose time ran out) and how many they may make.
    func attempts(of user: User, at quiz: Quiz, in course: Course) throws -> (attempts: [Attempt], allowed: Int?) {
        try gradeExpired(userID: user.id, at: quiz, in: course)
        return (try store.attempts(userID: user.id, course: course.slug, quiz: quiz.id),
                try store.allowedAttempts(userID: user.id, course: course.slug, quiz: quiz.id, maxAttempts: quiz.maxAttempts))
    }

    /// The attempt still open, or a new one within `max_attempts` plus extra attempts granted: shuffled
    /// when the quiz asks, with a deadline when it is timed.
    func startAttempt(by user: User, at quiz: Quiz, in course: Course) throws -> (attempt: Attempt, resumed: Bool) {
        try requireEnrollment(user, in: course)
        try gradeExpired(userID: user.id, at: quiz, in: course)
        let order = quiz.shuffleQuestions ? quiz.questions.map(\.id).shuffled() : quiz.questions.map(\.id)
        return try store.startAttempt(userID: user.id, course: course.slug, quiz: quiz.id, maxAttempts: quiz.maxAttempts,
                                      deadline: quiz.timeLimitMinutes.map { Clock.now + $0 * 60 }, order: order)
    }

    /// Keeps the answers given so far. - Throws: 409 once the attempt is submitted or its time is up.
    func save(_ answers: [AttemptAnswer], to attempt: Attempt, of quiz: Quiz) throws {
        _ = try Self.graded(answers, in: quiz)
        guard try store.saveDraft(attemptID: attempt.id, answersJSON: Self.json(answers)) else {
            throw HTTPError.conflict(attempt.submittedAt == nil ? "the time limit of this attempt has passed" : "this attempt was already submitted")
        }
    }

    /// - Throws: 409 once the attempt is submitted, or past its deadline (30 s of grace), when the answers
    /// saved before it are graded instead.
    func requireOpen(_ attempt: Attempt, of quiz: Quiz, in course: Course) throws {
        guard attempt.submittedAt == nil else { throw HTTPError.conflict("this attempt was already submitted") }
        guard attempt.isOpen(at: Clock.now) else {
            try gradeExpired(userID: attempt.userID, at: quiz, in: course)
            throw HTTPError.conflict("the time limit of this attempt has passed")
        }
    }

    /// Grades and stores a submission of an open attempt.
    func submit(_ answers: [AttemptAnswer], to attempt: Attempt, of quiz: Quiz, in course: Course) throws -> Grade {
        try requireOpen(attempt, of: quiz, in: course)
        let byQuestion = try Self.graded(answers, in: quiz)
        let graded = quiz.grade(byQuestion)
        try record(attempt, answers: answers, graded: graded, quiz: quiz, course: course, at: Clock.now)
        let used = try store.attempts(userID: attempt.userID, course: course.slug, quiz: quiz.id).count
        let allowed = try store.allowedAttempts(userID: attempt.userID, course: course.slug, quiz: quiz.id, maxAttempts: quiz.maxAttempts)
        return Grade(answers: byQuestion, earned: graded.earned, score: graded.score, correct: graded.correct,
                     left: allowed.map { max(0, $0 - used) })
    }

    /// How many attempts one grant may add.
    public static let grantRange = 1...100

    /// Gives a learner `count` more attempts than `max_attempts` (nil: unknown or unlimited) allows,
    /// logged as `attempt.granted` with who granted them (nil: the command line).
    func grant(_ count: Int, attemptsAt quiz: String, in course: String, maxAttempts: Int?, to learner: User, by staff: User?,
               from address: String) throws -> (extra: Int, allowed: Int?, left: Int?) {
        guard Self.grantRange.contains(count) else { throw HTTPError.invalid("count must be from 1 to 100", field: "count") }
        let extra = try store.grantAttempts(userID: learner.id, course: course, quiz: quiz, count: count)
        store.record("attempt.granted", userID: staff?.id,
                     detail: "user \(learner.id) (\(learner.username)): \(course) \(quiz) +\(count)\(staff == nil ? " (command line)" : "")",
                     address: address)
        let used = try store.attempts(userID: learner.id, course: course, quiz: quiz).count
        let allowed = maxAttempts.map { $0 + extra }
        return (extra, allowed, allowed.map { max(0, $0 - used) })
    }

    /// `lectern users grant-attempt`: the same grant from a terminal, for an account named by its login.
    public func grantAttempts(_ count: Int, at quiz: String, in course: String, toLogin login: String) throws -> (username: String, extra: Int) {
        let learner = try store.account(login: login)
        return (learner.username, try grant(count, attemptsAt: quiz, in: course, maxAttempts: nil, to: learner, by: nil, from: "").extra)
    }

    /// The answers by question id; an answer to a question the quiz does not have is refused (422).
    static func graded(_ answers: [AttemptAnswer], in quiz: Quiz) throws -> [String: SubmittedAnswer] {
        try checkBounds(answers)
        var byQuestion: [String: SubmittedAnswer] = [:]
        for answer in answers {
            guard quiz.questions.contains(where: { $0.id == answer.questionId }) else {
                throw HTTPError.invalid("question '\(answer.questionId)' is not in this quiz", field: "answers")
            }
            byQuestion[answer.questionId] = answer.answer.submitted
        }
        return byQuestion
    }

    /// Answers are stored as given (drafts on every save): each answer's text, each answer's choices and
    /// the attempt's text together are bounded (`TextBounds`).
    static func checkBounds(_ answers: [AttemptAnswer]) throws(HTTPError) {
        guard answers.count <= TextBounds.attemptEntries else {
            throw .invalid("an attempt may have at most \(TextBounds.attemptEntries) answers", code: "answers_too_long", field: "answers")
        }
        var total = 0
        for answer in answers {
            let texts: [String]
            switch answer.answer {
            case .string(let text): texts = [text]
            case .strings(let list):
                guard list.count <= TextBounds.answerChoices else {
                    throw .invalid("an answer may list at most \(TextBounds.answerChoices) choices", code: "answer_too_long", field: "answers")
                }
                texts = list
            case .number, .bool: texts = []
            }
            for text in texts + [answer.questionId] {
                guard text.unicodeScalars.count <= TextBounds.answer else {
                    throw .invalid("an answer must be at most \(TextBounds.answer) characters", code: "answer_too_long", field: "answers")
                }
                total += text.unicodeScalars.count
            }
        }
        guard total <= TextBounds.attempt else {
            throw .invalid("an attempt's answers must be at most \(TextBounds.attempt) characters together", code: "answers_too_long", field: "answers")
        }
    }

    /// Answers as stored with an attempt.
    static func json(_ answers: [AttemptAnswer]) -> String {
        String(decoding: (try? JSONEncoder().encode(answers)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Stored answers; an attempt from before answers were kept this way has none.
    static func answers(fromJSON text: String?) -> [AttemptAnswer] {
        text.flatMap { try? JSONDecoder().decode([AttemptAnswer].self, from: Data($0.utf8)) } ?? []
    }
}

private extension Learning {
    func record(_ attempt: Attempt, answers: [AttemptAnswer], graded: (earned: Double, score: Double, correct: Set<String>),
                quiz: Quiz, course: Course, at time: Int) throws {
        try store.submitAttempt(id: attempt.id, answersJSON: Self.json(answers), score: graded.score, passed: graded.score >= quiz.passScore,
                                correct: graded.correct, at: time)
        try issueCertificateIfEarned(userID: attempt.userID, course: course)
    }

    /// Open attempts whose time ran out while the learner was away are graded on the answers saved
    /// before the deadline, and dated at it: leaving never loses an attempt's answers.
    func gradeExpired(userID: Int, at quiz: Quiz, in course: Course) throws {
        for attempt in try store.attempts(userID: userID, course: course.slug, quiz: quiz.id)
        where attempt.submittedAt == nil && !attempt.isOpen(at: Clock.now) {
            let saved = Self.answers(fromJSON: attempt.draftJSON)
            let graded = quiz.grade((try? Self.graded(saved, in: quiz)) ?? [:])
            do {
                try record(attempt, answers: saved, graded: graded, quiz: quiz, course: course, at: attempt.deadline ?? Clock.now)
            } catch StoreError.constraint(.alreadySubmitted) {
                continue   // graded meanwhile by another request
            }
        }
    }
}
