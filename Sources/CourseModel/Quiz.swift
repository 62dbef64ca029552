/// A quiz file: settings and questions.
public struct Quiz: Sendable {
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
    public var questions: [Question]

    /// The sum of the questions' points.
    public var totalPoints: Double { questions.reduce(0) { $0 + $1.points } }
}

/// One question: what is asked, how it is answered, what it is worth.
public struct Question: Sendable {
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
    public enum Answer: Sendable {
        /// Exactly one choice is correct.
        case single([Choice])
        /// One or more choices are correct; scored all-or-nothing.
        case multiple([Choice])
        case trueFalse(Bool)
        /// Accepted answers; compared after trimming and collapsing inner spaces.
        case short(accepted: [String], caseSensitive: Bool)
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
public struct Choice: Sendable {
    public var id: String
    /// Inline Markdown.
    public var text: String
    public var isCorrect: Bool
    /// Markdown shown when the learner picks this choice.
    public var feedback: String?
}
