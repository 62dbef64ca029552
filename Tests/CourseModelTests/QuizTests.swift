import CourseModel
import LecternTesting
import Testing

@Test func everyQuestionTypeLoads() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Quiz types\n",
        "01-m/01-all.quiz.yaml": """
        title: All types
        pass_score: 60
        max_attempts: 2
        time_limit_minutes: 10
        shuffle_questions: true
        questions:
          - type: single
            prompt: One?
            points: 2
            explanation: Because.
            choices:
              - {id: a, text: A, correct: true, feedback: Yes}
              - {id: b, text: B}
          - type: multiple
            prompt: Some?
            choices:
              - {text: A, correct: true}
              - {text: B, correct: true}
              - {text: C}
          - {type: true_false, prompt: True?, answer: false}
          - {type: short, prompt: Word?, answers: [for, "for loop"], case_sensitive: true}
          - {type: numeric, prompt: Pi?, answer: 3.14, tolerance: 0.01}
        """,
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty)
    let quiz = try #require(result.course.quizzes.first)
    #expect(quiz.title == "All types" && quiz.passScore == 60 && quiz.maxAttempts == 2 && quiz.timeLimitMinutes == 10)
    #expect(quiz.shuffleQuestions && !quiz.shuffleChoices)
    #expect(quiz.questions.map(\.kind) == [.single, .multiple, .trueFalse, .short, .numeric])
    #expect(quiz.totalPoints == 6)
    #expect(quiz.questions[0].choices.map(\.feedback) == ["Yes", nil])
    #expect(quiz.questions[2].choices.map(\.isCorrect) == [false, true])
    guard case .short(let accepted, let caseSensitive, let ignoreAccents) = quiz.questions[3].answer,
          case .numeric(let value, let tolerance) = quiz.questions[4].answer else {
        Issue.record("wrong answer kinds")
        return
    }
    #expect(accepted == ["for", "for loop"] && caseSensitive && !ignoreAccents)
    #expect(value == 3.14 && tolerance == 0.01)
}

@Test func questionMistakesAreEachReported() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Bad quiz\n",
        "01-m/01-bad.quiz.yaml": """
        questions:
          - type: singel
            prompt: Typo in type
          - type: short
            prompt: No answers
            answers: []
          - type: true_false
            prompt: Yes or no
            answer: maybe
          - type: numeric
            prompt: Wrong keys
            answer: 3
            choices: []
          - type: multiple
            prompt: Only one choice
            choices:
              - {text: A, correct: true}
          - prompt: No type
        """,
    ])
    let found = try Loader.load(course.url).diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    #expect(found == [
        "2:11: unknown question type 'singel' (did you mean 'single'?)",
        "6:14: the short question has no accepted answers",
        "9:13: 'answer' of a true_false question must be true or false, found 'maybe'",
        "13:5: 'choices' does not apply to a numeric question",
        "17:7: a multiple question needs at least two choices",
        "18:5: missing required key 'type'",
    ])
}

@Test func emptyQuizIsAnError() throws {
    let course = try TemporaryCourse(["course.yaml": "title: Empty\n", "01-m/01-q.quiz.yaml": "title: Q\nquestions: []\n"])
    let found = try Loader.load(course.url).diagnostics.map { "\($0.location): \($0.message)" }
    #expect(found == ["01-m/01-q.quiz.yaml:2:12: the quiz has no questions"])
}

@Test func linksInQuizMarkdownAreCheckedAtTheirPosition() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Links\n",
        "01-m/01-q.quiz.yaml": """
        questions:
          - type: true_false
            prompt: "Is ![A chart](chart.png) right?"
            answer: true
            explanation: See [notes](notes.md).
        """,
    ])
    let found = try Loader.load(course.url).diagnostics.map { "\($0.location): \($0.message)" }
    #expect(found == [
        "01-m/01-q.quiz.yaml:3:17: image 'chart.png' does not exist",
        "01-m/01-q.quiz.yaml:5:22: link target 'notes.md' does not exist",
    ])
}

@Test func derivedQuestionIdsIgnoreCodeBelowThePrompt() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Code\n",
        "01-m/01-q.quiz.yaml": """
        questions:
          - type: short
            prompt: |
              What does this print?

              ```python
              print(1 + 1)
              ```
            answers: ["2"]
        """,
    ])
    #expect(try Loader.load(course.url).course.quizzes.first?.questions.first?.id == "what-does-this-print")
}
