import CourseModel

extension CourseRenderer {
    /// What a question shows once graded, rendered for the quiz's page: quiz keys in browser-graded
    /// pages and the server's graded attempts carry the same HTML.
    func feedback(for question: Question, in quiz: Quiz) -> QuestionFeedback {
        let page = paths.items[quiz.id] ?? ""
        var choices: [String: String] = [:]
        for choice in question.choices {
            if let feedback = choice.feedback { choices[choice.id] = html(feedback, writtenIn: quiz.path, shownAt: page) }
        }
        return QuestionFeedback(explanationHTML: question.explanation.map { html($0, writtenIn: quiz.path, shownAt: page) },
                                choiceHTML: choices)
    }
}

extension SiteBuilder {
    /// Every quiz's feedback by course slug, quiz id and question id, for `lectern serve`, which grades
    /// quizzes and sends the feedback only with a graded attempt.
    public static func quizFeedback(_ sources: [CourseSource], options: SiteOptions) throws(ThemeError)
        -> [String: [String: [String: QuestionFeedback]]] {
        var result: [String: [String: [String: QuestionFeedback]]] = [:]
        var themes = ThemeLoads()
        for source in sources {
            let theme = try themes.load(options.theme ?? source.course.theme ?? "default", for: source.folder)
            let renderer = CourseRenderer(course: source.course, folder: source.folder, theme: theme, options: options)
            var quizzes: [String: [String: QuestionFeedback]] = [:]
            for quiz in source.course.quizzes {
                quizzes[quiz.id] = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, renderer.feedback(for: $0, in: quiz)) })
            }
            result[source.course.slug] = quizzes
        }
        return result
    }
}
