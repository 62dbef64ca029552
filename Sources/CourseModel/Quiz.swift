/// A quiz file: settings and questions.
public struct Quiz: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Course-relative path of the `.quiz.yaml` file.
    public var path: String
    /// Markdown.
    public var description: String?
    /// Percent of the points needed to pass, 0–100.
    public var passScore: Double
    /// nil: unlimited.
    public var maxAttempts: Int?
    public var timeLimitMinutes: Int?
    public var shuffleQuestions: Bool
    public var shuffleChoices: Bool
    public var isDraft: Bool
    /// When a wrong answer is followed by the right one.
    public var showAnswers: ShowAnswers
    public var questions: [Question]

    /// `show_answers`: after every submission, once no attempt is left, or never. Explanations and
    /// the feedback of chosen choices are shown after every submission whatever this says.
    public enum ShowAnswers: String, Sendable, CaseIterable {
        case always
        case afterLastAttempt = "after_last_attempt"
        case never

        /// Unlimited quizzes are for practice: show answers. Limited ones keep them for the last attempt.
        public static func standard(maxAttempts: Int?) -> ShowAnswers { maxAttempts == nil ? .always : .afterLastAttempt }

        /// Whether a submission that leaves `attemptsLeft` (nil: unlimited) may show the right answers.
        public func reveals(attemptsLeft: Int?) -> Bool {
            switch self {
            case .always: true
            case .afterLastAttempt: attemptsLeft == 0
            case .never: false
            }
        }
    }

    /// The sum of the questions' points.
    public var totalPoints: Double { questions.reduce(0) { $0 + $1.points } }
}

/// One question: what is asked, how it is answered, what it is worth.
public struct Question: Sendable, Equatable {
    public var id: String
    /// Markdown.
    public var prompt: String
    public var points: Double
    /// Markdown shown after answering.
    public var explanation: String?
    public var answer: Answer
    /// Line and column of the question in its quiz file, for diagnostics.
    public var location: SourceLocation

    /// The question type with what is needed to grade it.
    public enum Answer: Sendable, Equatable {
        /// Exactly one choice is correct.
        case single([Choice])
        /// One or more choices are correct; scored all-or-nothing.
        case multiple([Choice])
        case trueFalse(Bool)
        /// Accepted answers, compared by `ShortAnswer.normalized`.
        case short(accepted: [String], caseSensitive: Bool, ignoreAccents: Bool)
        /// Accepted when |given − value| ≤ tolerance.
        case numeric(value: Double, tolerance: Double)
    }

    /// A question type as written in quiz files (`type: true_false`).
    public enum Kind: String, Sendable, CaseIterable {
        case single, multiple, trueFalse = "true_false", short, numeric
    }

    /// The question's type.
    public var kind: Kind {
        switch answer {
        case .single: .single
        case .multiple: .multiple
        case .trueFalse: .trueFalse
        case .short: .short
        case .numeric: .numeric
        }
    }

    /// The choices of a single or multiple question; `true`/`false` for a true_false one.
    public var choices: [Choice] {
        switch answer {
        case .single(let choices), .multiple(let choices): choices
        case .trueFalse(let value):
            [Choice(id: "true", text: "True", isCorrect: value, feedback: nil),
             Choice(id: "false", text: "False", isCorrect: !value, feedback: nil)]
        case .short, .numeric: []
        }
    }
}

/// One option of a choice question.
public struct Choice: Sendable, Equatable {
    public var id: String
    /// Inline Markdown.
    public var text: String
    public var isCorrect: Bool
    /// Markdown shown when the learner picks this choice.
    public var feedback: String?
}
