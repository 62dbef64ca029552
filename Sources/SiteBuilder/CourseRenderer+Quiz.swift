import CourseModel
import Foundation
import Markdown
import Templating
import Utilities

extension CourseRenderer {
    /// Renders a quiz page; the answer key goes into the page only when quizzes grade in the browser.
    func renderQuiz(_ quiz: Quiz, index: Int, module: Module, courseValue: [String: TemplateValue],
                      fingerprint: Int) -> (Data, SearchIndex.Entry, PageFeatures) {
        let page = paths.items[quiz.id]!
        var value = neighbours(index: index, module: module)
        value["id"] = .string(quiz.id)
        value["title"] = .string(quiz.title)
        value.set("descriptionHTML", quiz.description.map { html($0, writtenIn: quiz.path, shownAt: page) })
        value["passScore"] = .double(quiz.passScore)
        value.set("maxAttempts", quiz.maxAttempts)
        value.set("timeLimitMinutes", quiz.timeLimitMinutes)
        value["shuffleQuestions"] = .bool(quiz.shuffleQuestions)
        value["shuffleChoices"] = .bool(quiz.shuffleChoices)
        value["questionCount"] = .int(quiz.questions.count)
        value["totalPoints"] = .double(quiz.totalPoints)
        value["gradedInBrowser"] = .bool(options.gradeInBrowser)
        value["questions"] = .array(quiz.questions.enumerated().map { number, question in
            .object(questionValue(question, number: number + 1, quiz: quiz, page: page))
        })
        var keyJSON = ""
        if options.gradeInBrowser {
            keyJSON = ScriptJSON.encode(QuizKey(quiz, renderer: self))
            value["keyJSON"] = .string(keyJSON)
        }
        // Code or formulas in the description, prompts, choices or (shown after grading) explanations.
        let features = PageFeatures(html: TemplateValue.object(value).strings + [keyJSON])
        var context = itemContext(.quiz(quiz), index: index, module: module, kind: "quiz", features: features,
                                  courseValue: courseValue)
        context["quiz"] = .object(value)
        let entry = SearchIndex.Entry(title: quiz.title, href: page, moduleTitle: module.title, summary: quiz.description ?? "",
                                      weights: SearchIndex.weights(title: quiz.title, headings: [], summary: quiz.description ?? "", body: ""),
                                      passages: [])
        return (render("quiz", context, page: page, courseFingerprint: fingerprint), entry, features)
    }

    private func questionValue(_ question: Question, number: Int, quiz: Quiz, page: String) -> [String: TemplateValue] {
        let points = question.points
        let pointsLabel = strings.format(points == 1 ? "quiz.point" : "quiz.points", ["points": points.plainText])
        var value: [String: TemplateValue] = [
            "id": .string(question.id), "number": .int(number), "type": .string(question.kind.rawValue),
            "isSingle": .bool(question.kind == .single), "isMultiple": .bool(question.kind == .multiple),
            "isTrueFalse": .bool(question.kind == .trueFalse), "isShort": .bool(question.kind == .short),
            "isNumeric": .bool(question.kind == .numeric), "hasChoices": .bool(!question.choices.isEmpty),
            "promptHTML": .string(html(question.prompt, writtenIn: quiz.path, shownAt: page)),
            "points": .double(points), "pointsLabel": .string(pointsLabel),
        ]
        value["choices"] = .array(question.choices.map { choice in
            let text: String
            if case .trueFalse = question.answer {
                text = escapeText(strings["quiz.\(choice.id)"])
            } else {
                text = inlineHTML(choice.text, writtenIn: quiz.path, shownAt: page)
            }
            return .object(["id": .string(choice.id), "textHTML": .string(text),
                            "inputID": .string("q-\(question.id)-\(choice.id)"), "inputName": .string("q-\(question.id)")])
        })
        return value
    }
}

/// What the browser needs to grade a quiz: correct answers, feedback and explanations as HTML.
/// Field names are the contract with the theme's script.
struct QuizKey: Encodable {
    struct QuestionKey: Encodable {
        var id: String
        var type: String
        /// The prompt as plain text, whitespace collapsed (a SCORM interaction's description): no markup,
        /// and none of the code blocks' buttons and labels the page adds.
        var promptText: String
        var points: Double
        var correct: [String]?
        /// Choice ids in the order the author wrote them (before any shuffle), for SCORM's choice letters.
        var choices: [String]?
        var accepted: [String]?
        var caseSensitive: Bool?
        var ignoreAccents: Bool?
        var value: Double?
        var tolerance: Double?
        var feedback: [String: String]
        var explanation: String?
    }

    var quizId: String
    var passScore: Double
    var maxAttempts: Int?
    var timeLimitMinutes: Int?
    var shuffleQuestions: Bool
    var shuffleChoices: Bool
    /// "always", "after_last_attempt" or "never": when a wrong answer is followed by the right one.
    var showAnswers: String
    var totalPoints: Double
    var questions: [QuestionKey]

    init(_ quiz: Quiz, renderer: CourseRenderer) {
        quizId = quiz.id
        passScore = quiz.passScore
        maxAttempts = quiz.maxAttempts
        timeLimitMinutes = quiz.timeLimitMinutes
        shuffleQuestions = quiz.shuffleQuestions
        shuffleChoices = quiz.shuffleChoices
        showAnswers = quiz.showAnswers.rawValue
        totalPoints = quiz.totalPoints
        questions = quiz.questions.map { question in
            let feedback = renderer.feedback(for: question, in: quiz)
            let promptText = MarkdownDocument(question.prompt).plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var key = QuestionKey(id: question.id, type: question.kind.rawValue, promptText: promptText, points: question.points,
                                  feedback: feedback.choiceHTML, explanation: feedback.explanationHTML)
            switch question.answer {
            case .single, .multiple, .trueFalse:
                key.correct = question.choices.filter(\.isCorrect).map(\.id)
                key.choices = question.choices.map(\.id)
            case .short(let accepted, let caseSensitive, let ignoreAccents):
                key.accepted = accepted
                key.caseSensitive = caseSensitive
                key.ignoreAccents = ignoreAccents
            case .numeric(let value, let tolerance):
                key.value = value
                key.tolerance = tolerance
            }
            return key
        }
    }

    /// Encodes absent optionals as JSON null, so the script can test them uniformly.
    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case quizId, passScore, maxAttempts, timeLimitMinutes, shuffleQuestions, shuffleChoices, showAnswers, totalPoints,
                        questions }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(quizId, forKey: .quizId)
        try container.encode(passScore, forKey: .passScore)
        try container.encode(maxAttempts, forKey: .maxAttempts)
        try container.encode(timeLimitMinutes, forKey: .timeLimitMinutes)
        try container.encode(shuffleQuestions, forKey: .shuffleQuestions)
        try container.encode(shuffleChoices, forKey: .shuffleChoices)
        try container.encode(showAnswers, forKey: .showAnswers)
        try container.encode(totalPoints, forKey: .totalPoints)
        try container.encode(questions, forKey: .questions)
    }
}
