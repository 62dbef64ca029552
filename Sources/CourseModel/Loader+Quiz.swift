import YAML

extension Loader {
    static let quizKeys = ["id", "title", "description", "pass_score", "max_attempts", "time_limit_minutes",
                           "shuffle_questions", "shuffle_choices", "show_answers", "draft", "questions"]
    static let questionKeys = ["id", "type", "prompt", "points", "explanation", "choices", "answer", "answers",
                               "case_sensitive", "ignore_accents", "tolerance"]
    /// The keys each question type uses beyond the common ones.
    static let keysByQuestionType: [Question.Kind: Set<String>] = [
        .single: ["choices"], .multiple: ["choices"], .trueFalse: ["answer"],
        .short: ["answers", "case_sensitive", "ignore_accents"], .numeric: ["answer", "tolerance"],
    ]

    /// Loads one `.quiz.yaml` file; questions that cannot be graded are reported and left out.
    static func loadQuiz(_ path: String, moduleID: String, moduleIsDraft: Bool, tree: CourseTree) -> ItemLoad {
        let log = DiagnosticLog()
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let stem = String(fileName.dropLast(".quiz.yaml".count))
        let load = ItemLoad(item: nil, path: path, isDraft: moduleIsDraft, idLocation: SourceLocation(path: path),
                            anchors: [], diagnostics: [], references: [])
        guard let root = parseYAML(path, tree: tree, log: log),
              let fields = MappingReader(root, path: path, log: log, what: "a quiz", keys: quizKeys) else {
            load.diagnostics = log.diagnostics
            return load
        }
        var quiz = Quiz(id: moduleID + "." + derivedItemName(stem), title: Identifier.humanized(stem), path: path,
                        description: fields.markdown("description"), passScore: -1,
                        maxAttempts: fields.int("max_attempts", in: 1...1000),
                        timeLimitMinutes: fields.int("time_limit_minutes", in: 1...1440),
                        shuffleQuestions: fields.bool("shuffle_questions") ?? false,
                        shuffleChoices: fields.bool("shuffle_choices") ?? false,
                        isDraft: moduleIsDraft || (fields.bool("draft") ?? false), showAnswers: .always, questions: [])
        quiz.showAnswers = fields.oneOf("show_answers", Quiz.ShowAnswers.self) ?? .standard(maxAttempts: quiz.maxAttempts)
        if let (id, location) = fields.identifier() {
            quiz.id = id
            load.idLocation = location
        }
        quiz.title = fields.string("title", required: fields.has("title")) ?? quiz.title
        // -1 stands for "the course's mastery score", filled in once course.yaml is known.
        quiz.passScore = fields.number("pass_score", in: 0...100) ?? -1
        if let items = fields.list("questions") {
            if items.isEmpty { log.error("the quiz has no questions", at: fields.location(fields.value("questions")!)) }
            quiz.questions = items.compactMap { readQuestion($0, in: fields) }
            checkUnique(quiz.questions.map { ($0.id, $0.location) }, what: "question", log: log)
        } else if !fields.has("questions") || fields.value("questions") == nil {
            fields.reportMissing("questions")
        }
        load.isDraft = quiz.isDraft
        load.item = .quiz(quiz)
        load.diagnostics = log.diagnostics
        load.references = log.references.map { reference in
            var marked = reference
            marked.isDraft = quiz.isDraft
            return marked
        }
        return load
    }

    static func readQuestion(_ node: YAMLNode, in quiz: MappingReader) -> Question? {
        guard let fields = MappingReader(node, path: quiz.path, log: quiz.log, what: "a question", keys: questionKeys) else { return nil }
        let log = quiz.log
        let prompt = fields.markdown("prompt", required: true)
        guard fields.string("type", required: true) != nil,
              let kind = fields.oneOf("type", Question.Kind.self, unknown: "question type"), let typeKeys = keysByQuestionType[kind] else { return nil }
        let type = kind.rawValue
        for pair in fields.pairs {
            guard let key = pair.key.scalar, keysByQuestionType.values.contains(where: { $0.contains(key) }), !typeKeys.contains(key) else { continue }
            log.error("'\(key)' does not apply to a \(type) question", at: fields.location(pair.key))
        }
        let location = fields.location
        // Derived from the prompt's first line, so a code block below it does not end up in the id.
        let firstLine = prompt.map { text in
            text.split(separator: "\n").map(String.init).first { !$0.trimmingWhitespace.isEmpty } ?? text
        }
        let id = fields.identifier()?.id ?? firstLine.map { Identifier.derived(fromText: $0, maxLength: 40, hashPrefix: "q") } ?? "?"
        let points = fields.number("points", in: 0.000_001...10_000) ?? 1
        let answer: Question.Answer?
        switch kind {
        case .single, .multiple:
            answer = readChoices(fields, kind: kind, questionID: id)
        case .trueFalse:
            if let value = fields.value("answer"), value.bool == nil {
                log.error("'answer' of a true_false question must be true or false, found '\(value.scalar ?? value.kindDescription)'",
                          at: fields.location(value))
                answer = nil
            } else if let value = fields.bool("answer") {
                answer = .trueFalse(value)
            } else {
                fields.reportMissing("answer")
                answer = nil
            }
        case .short:
            let accepted = fields.strings("answers").filter { !$0.trimmingWhitespace.isEmpty }
            if accepted.isEmpty {
                log.error("the short question has no accepted answers", at: fields.location(fields.value("answers") ?? fields.node),
                          hint: "list them under 'answers:', e.g. answers: [\"for\", \"for loop\"]")
                answer = nil
            } else {
                answer = .short(accepted: accepted, caseSensitive: fields.bool("case_sensitive") ?? false,
                                ignoreAccents: fields.bool("ignore_accents") ?? false)
            }
        case .numeric:
            let tolerance = fields.number("tolerance", in: 0 ... .greatestFiniteMagnitude) ?? 0
            if let value = fields.number("answer") {
                answer = .numeric(value: value, tolerance: tolerance)
            } else {
                if fields.value("answer") == nil { fields.reportMissing("answer") }
                answer = nil
            }
        }
        guard let prompt, let answer else { return nil }
        return Question(id: id, prompt: prompt, points: points, explanation: fields.markdown("explanation"),
                        answer: answer, location: location)
    }

    /// Reads the choices of a single or multiple question and checks the number of correct ones.
    static func readChoices(_ fields: MappingReader, kind: Question.Kind, questionID: String) -> Question.Answer? {
        let log = fields.log
        guard let items = fields.list("choices") else {
            if !fields.has("choices") { fields.reportMissing("choices") }
            return nil
        }
        var located: [(Choice, SourceLocation)] = []
        for node in items {
            guard let choice = MappingReader(node, path: fields.path, log: log, what: "a choice",
                                             keys: ["id", "text", "correct", "feedback"]),
                  let text = choice.markdown("text", required: true) else { continue }
            let id = choice.identifier()?.id ?? Identifier.derived(fromText: text, maxLength: 32, hashPrefix: "c")
            located.append((Choice(id: id, text: text, isCorrect: choice.bool("correct") ?? false,
                                   feedback: choice.markdown("feedback")), choice.location))
        }
        guard located.count == items.count else { return nil }
        checkUnique(located.map { ($0.0.id, $0.1) }, what: "choice", log: log)
        let choices = located.map(\.0)
        if choices.count < 2 {
            log.error("a \(kind.rawValue) question needs at least two choices", at: fields.location(fields.value("choices")!))
            return nil
        }
        let correct = choices.filter(\.isCorrect).count
        if correct == 0 {
            log.error("question '\(questionID)' has no correct answer", at: fields.location,
                      hint: "mark the right choice with 'correct: true'")
            return nil
        }
        if kind == .single && correct > 1 {
            log.error("single-choice question '\(questionID)' has \(correct) correct choices", at: fields.location,
                      hint: "keep one 'correct: true', or use 'type: multiple'")
            return nil
        }
        return kind == .single ? .single(choices) : .multiple(choices)
    }
}
