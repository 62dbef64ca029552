import Foundation
import CourseModel
import LecternTesting
import Markdown
import Testing

@Test func courseYAMLFieldsReachTheModel() throws {
    let course = try TemporaryCourse([
        "course.yaml": """
        title: Loops in Python
        code: PY102
        level: intermediate
        language: pt-BR
        tags: [python, loops]
        instructors:
          - name: Ada
            email: ada@example.org
        completion: {require: quizzes, mastery_score: 85}
        certificate: {require_all_lessons: false}
        faqs:
          - question: Is it free?
            answer: Yes.
        resources:
          - title: Docs
            url: https://docs.python.org
        """,
        "01-basics/01-for.md": "# For\n",
        "01-basics/02-check.quiz.yaml": "questions:\n  - {type: true_false, prompt: Yes?, answer: true}\n",
    ], name: "py-loops")
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty)
    let model = result.course
    #expect(model.title == "Loops in Python" && model.code == "PY102" && model.level == .intermediate)
    #expect(model.slug == "py-loops" && model.id == "py-loops" && model.language == "pt-BR")
    #expect(model.tags == ["python", "loops"])
    #expect(model.instructors == [Instructor(name: "Ada", email: "ada@example.org", bio: nil, avatar: nil)])
    #expect(model.completion == CompletionRule(require: .quizzes, masteryScore: 85))
    #expect(model.certificate == CertificateRule(minScore: 85, requireAllLessons: false))
    #expect(model.faqs == [FAQ(question: "Is it free?", answer: "Yes.")])
    #expect(model.resources.first?.target == .url("https://docs.python.org"))
    // A quiz without pass_score takes the course's mastery score.
    #expect(model.quizzes.first?.passScore == 85)
}

@Test func modulesAndItemsFollowNumericPrefixesNotNames() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Order\ncompletion: {require: lessons}\n",
        "10-last/01-a.md": "# A\n",
        "2-second/10-ten.md": "# Ten\n",
        "2-second/9-nine.md": "# Nine\n",
        "2-second/unnumbered.md": "# Unnumbered\n",
        "01-first/01-only.md": "# Only\n",
        "media/picture.md": "# Not a lesson\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.course.modules.map(\.path) == ["01-first", "2-second", "10-last"])
    #expect(result.course.modules[1].items.map(\.title) == ["Nine", "Ten", "Unnumbered"])
    #expect(result.diagnostics.map(\.description) == [
        "media:1:1: warning: folder 'media' holds Markdown files but is not a module, so they are not lessons\n    hint: give it a numeric prefix, e.g. '01-media'",
    ])
}

@Test func identifiersSurviveRenumberingAndReordering() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Stable\n",
        "01-basics/01-intro.md": "# Intro\n",
        "01-basics/02-loops.md": "# Loops\n",
        "01-basics/03-check.quiz.yaml": """
        questions:
          - type: single
            prompt: Which keyword starts a loop?
            choices:
              - {text: "for", correct: true}
              - {text: "def"}
        """,
    ])
    func ids() throws -> [String] {
        let model = try Loader.load(course.url).course
        let quiz = try #require(model.quizzes.first)
        return [model.id] + model.modules.map(\.id) + model.modules.flatMap { $0.items.map(\.id) }
            + quiz.questions.map(\.id) + quiz.questions.flatMap { $0.choices.map(\.id) }
    }
    let before = try ids()
    #expect(before == ["course", "basics", "basics.intro", "basics.loops", "basics.check",
                       "which-keyword-starts-a-loop", "for", "def"])

    // Renumber the module, swap two lessons, move the quiz first and reorder its choices.
    try course.move("01-basics", to: "05-basics")
    try course.move("05-basics/01-intro.md", to: "05-basics/07-intro.md")
    try course.move("05-basics/02-loops.md", to: "05-basics/03-loops.md")
    try course.move("05-basics/03-check.quiz.yaml", to: "05-basics/01-check.quiz.yaml")
    try course.write("""
    questions:
      - type: single
        prompt: Which keyword starts a loop?
        choices:
          - {text: "def"}
          - {text: "for", correct: true}
    """, to: "05-basics/01-check.quiz.yaml")
    let after = try ids()
    #expect(Set(after) == Set(before))
    #expect(try Loader.load(course.url).course.modules[0].items.map(\.id) == ["basics.check", "basics.loops", "basics.intro"])
}

@Test func authorWrittenIdsReplaceDerivedOnes() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Ids\nid: course-2026\ncompletion: {require: lessons}\n",
        "01-a/module.yaml": "id: mod-a\ntitle: Module A\n",
        "01-a/01-x.md": "---\nid: lesson-x\n---\n# X\n",
        "01-a/02-y.md": "---\nid: \"bad id!\"\n---\n# Y\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.course.id == "course-2026")
    #expect(result.course.modules.map(\.id) == ["mod-a"])
    #expect(result.course.lessons.map(\.id) == ["lesson-x", "mod-a.y"])
    #expect(result.diagnostics.map(\.location.description) == ["01-a/02-y.md:2:5"])
}

@Test func promptsWithoutLatinLettersGetHashIds() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: عربي\nlanguage: ar\n",
        "01-m/01-q.quiz.yaml": """
        questions:
          - type: single
            prompt: ما هو الجواب؟
            choices:
              - {text: نعم, correct: true}
              - {text: لا}
        """,
    ])
    let question = try #require(try Loader.load(course.url).course.quizzes.first?.questions.first)
    #expect(question.id.hasPrefix("q-") && question.id.count > 3)
    #expect(question.choices.map(\.id).allSatisfy { $0.hasPrefix("c-") })
    #expect(Set(question.choices.map(\.id)).count == 2)
}

@Test func draftsAreCheckedButLeftOutUnlessAsked() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Drafts\ncompletion: {require: lessons}\n",
        "01-a/01-published.md": "# Published\n\n[Soon](02-draft.md)\n",
        "01-a/02-draft.md": "---\ndraft: true\ntitel: x\n---\n# Draft\n\n![Plan](plan.png)\n",
        "02-b/module.yaml": "draft: true\n",
        "02-b/01-hidden.md": "# Hidden\n",
    ])
    let published = try Loader.load(course.url)
    #expect(published.course.lessons.map(\.title) == ["Published"])
    #expect(published.diagnostics.map { "\($0.location): \($0.message)" } == [
        "01-a/01-published.md:3:1: link target '02-draft.md' is a draft, so the link is broken in published builds",
        "01-a/02-draft.md:3:1: unknown key 'titel' in the front matter (did you mean 'title'?)",
        "01-a/02-draft.md:7:1: image 'plan.png' does not exist",
    ])
    let all = try Loader.load(course.url, options: LoadOptions(includeDrafts: true))
    #expect(all.course.lessons.map(\.title) == ["Published", "Draft", "Hidden"])
}

@Test func lessonTitleBodyAndMediaFromFrontMatter() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Media\ncompletion: {require: lessons}\n",
        "01-a/01-talk.md": """
        ---
        type: audio
        audio: ../media/talk.wav
        duration_minutes: 4
        objectives: [Listen]
        ---

        # Heard it

        ## Transcript
        """,
        "media/talk.wav": "RIFF",
        "media/unused.png": "x",
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty)
    let lesson = try #require(result.course.lessons.first)
    #expect(lesson.title == "Heard it" && lesson.kind == .audio && lesson.media == .file("media/talk.wav"))
    #expect(lesson.bodyStartLine == 7 && lesson.durationMinutes == 4 && lesson.objectives == ["Listen"])
    #expect(lesson.headings.map(\.line) == [8, 10])
    #expect(result.course.mediaFiles == ["media/talk.wav"])
}

@Test func linkTargetsResolveForRenderers() throws {
    let result = try Loader.load(fixture("minimal-course"))
    let course = result.course
    #expect(course.linkTarget(for: "02-next.md#part-two", in: "01-basics/01-hello.md") == .item(id: "basics.next", anchor: "part-two"))
    #expect(course.linkTarget(for: "../images/square.svg", in: "01-basics/02-next.md") == .file("images/square.svg", fragment: nil))
    #expect(course.linkTarget(for: "https://example.org", in: "01-basics/02-next.md") == .external("https://example.org"))
    #expect(course.linkTarget(for: "#top", in: "01-basics/02-next.md") == .anchor("top"))
    #expect(course.linkTarget(for: "nowhere.md", in: "01-basics/02-next.md") == .unresolved)
}

@Test func missingFolderIsALoaderError() {
    #expect(throws: LoaderError.self) { try Loader.load(fixture("no-such-fixture")) }
}

@Test func symbolicLinksOutOfTheCourseAreLeftOutAndReported() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Links\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# X\n\n![Key](../images/key.png)\n",
        "images/inside.png": "png",
    ])
    try FileManager.default.createSymbolicLink(atPath: course.url.appendingPathComponent("images/key.png").path, withDestinationPath: "/etc/hostname")
    try FileManager.default.createSymbolicLink(atPath: course.url.appendingPathComponent("images/alias.png").path, withDestinationPath: "inside.png")
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.map { "\($0.location): \($0.message)" } == [
        "01-a/01-x.md:3:1: image '../images/key.png' does not exist",
        "images/key.png:1:1: 'images/key.png' is a symbolic link to a file outside the course folder; it is left out",
    ])
    #expect(!result.course.mediaFiles.contains("images/key.png"))
}

@Test func discussionKeyIsOffUnlessAskedAndCheckedWhereWritten() throws {
    let plain = try TemporaryCourse(["course.yaml": "title: Plain\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"])
    #expect(try Loader.load(plain.url).course.discussion == .off)
    let moderated = try TemporaryCourse(["course.yaml": "title: Young\ncompletion: {require: lessons}\ndiscussion: moderated\n", "01-a/01-x.md": "# X\n"])
    let loaded = try Loader.load(moderated.url)
    #expect(loaded.diagnostics.isEmpty && loaded.course.discussion == .moderated)
    let wrong = try TemporaryCourse(["course.yaml": "title: Wrong\ncompletion: {require: lessons}\ndiscussion: opne\n", "01-a/01-x.md": "# X\n"])
    #expect(try Loader.load(wrong.url).diagnostics.map { "\($0.location): \($0.message)" } == [
        "course.yaml:3:13: 'discussion' must be one of off, open, moderated, found 'opne' (did you mean 'open'?)",
    ])
}
