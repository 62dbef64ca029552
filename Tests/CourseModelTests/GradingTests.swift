import CourseModel
import LecternTesting
import Testing

@Test func everyQuestionTypeGradesByTheSharedRules() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Grading\n",
        "01-m/01-q.quiz.yaml": """
        questions:
          - {id: one, type: single, points: 2, prompt: P, choices: [{id: a, text: A, correct: true}, {id: b, text: B}]}
          - {id: many, type: multiple, prompt: P, choices: [{id: a, text: A, correct: true}, {id: b, text: B, correct: true}, {id: c, text: C}]}
          - {id: tf, type: true_false, prompt: P, answer: false}
          - {id: word, type: short, prompt: P, answers: ["for loop"]}
          - {id: exact, type: short, prompt: P, answers: ["Python"], case_sensitive: true}
          - {id: pi, type: numeric, prompt: P, answer: 3.14, tolerance: 0.01}
        """,
    ])
    let quiz = try #require(try Loader.load(course.url).course.quizzes.first)
    let questions = Dictionary(uniqueKeysWithValues: quiz.questions.map { ($0.id, $0) })
    #expect(questions["one"]!.isCorrect(.choice("a")) && !questions["one"]!.isCorrect(.choice("b")))
    #expect(questions["many"]!.isCorrect(.choices(["b", "a"])))
    #expect(!questions["many"]!.isCorrect(.choices(["a"])) && !questions["many"]!.isCorrect(.choices(["a", "b", "c"])))
    #expect(!questions["many"]!.isCorrect(.choices(["a", "a"])))
    #expect(questions["tf"]!.isCorrect(.choice("false")) && !questions["tf"]!.isCorrect(.choice("true")))
    #expect(questions["word"]!.isCorrect(.text("  For   LOOP ")))
    #expect(!questions["exact"]!.isCorrect(.text("python")) && questions["exact"]!.isCorrect(.text(" Python")))
    #expect(questions["pi"]!.isCorrect(.number(3.15)) && questions["pi"]!.isCorrect(.text("3,13")))
    #expect(!questions["pi"]!.isCorrect(.number(3.2)) && !questions["pi"]!.isCorrect(.choice("3.14")))
    #expect(!questions["one"]!.isCorrect(nil))

    let graded = quiz.grade(["one": .choice("a"), "tf": .choice("false"), "pi": .number(3.14)])
    #expect(graded.earned == 4 && graded.score == 57.1 && graded.correct == ["one", "tf", "pi"])
}
