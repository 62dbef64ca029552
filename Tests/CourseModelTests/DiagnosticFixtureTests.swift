// One fixture folder per kind of problem; each test asserts the exact path, line and column.
import CourseModel
import LecternTesting
import Testing

/// Loads a fixture and returns its diagnostics as `path:line:column: severity: message` lines.
func diagnostics(of name: String) throws -> [String] {
    try Loader.load(fixture(name)).diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
}

@Test func minimalCourseIsClean() throws {
    #expect(try diagnostics(of: "minimal-course") == [])
}

@Test func missingRequiredTitle() throws {
    #expect(try diagnostics(of: "missing-title") == ["course.yaml:1:1: error: missing required key 'title'"])
}

@Test func unknownKeysSuggestTheClosestKey() throws {
    #expect(try diagnostics(of: "unknown-key") == [
        "course.yaml:2:1: error: unknown key 'titel' in course.yaml (did you mean 'title'?)",
        "course.yaml:5:3: error: unknown key 'mastery' in completion (did you mean 'mastery_score'?)",
    ])
}

@Test func wrongTypesAndValuesPointAtTheValue() throws {
    #expect(try diagnostics(of: "wrong-type") == [
        "01-m/01-quiz.quiz.yaml:2:13: error: 'pass_score' must be a number, found 'high'",
        "01-m/01-quiz.quiz.yaml:6:13: error: 'answer' must be a number, found 'four'",
        "course.yaml:2:8: error: 'level' must be one of beginner, intermediate, advanced, found 'expert'",
        "course.yaml:3:7: error: 'tags' must be a list, found text",
        "course.yaml:4:29: error: 'estimated_duration_minutes' must be a whole number, found 'soon'",
        "course.yaml:6:14: error: 'min_score' must be between 0 and 100, found 150",
        "course.yaml:7:24: error: 'require_all_lessons' must be true or false, found 'maybe'",
    ])
}

@Test func questionsWithoutExactlyTheRightCorrectChoices() throws {
    #expect(try diagnostics(of: "no-correct-answer") == [
        "01-m/01-quiz.quiz.yaml:3:5: error: question 'pick-one' has no correct answer",
        "01-m/01-quiz.quiz.yaml:8:5: error: question 'pick-some' has no correct answer",
        "01-m/01-quiz.quiz.yaml:13:5: error: single-choice question 'two-right' has 2 correct choices",
    ])
}

@Test func duplicateIdentifiersNameTheFirstUse() throws {
    #expect(try diagnostics(of: "duplicate-ids") == [
        "02-b/01-intro.md:2:5: error: duplicate lesson or quiz id 'a.intro', already used at 01-a/01-intro.md:1:1",
        "02-b/02-quiz.quiz.yaml:7:5: error: duplicate question id 'same', already used at 02-b/02-quiz.quiz.yaml:3:5",
    ])
}

@Test func brokenLinksAnchorsAndEscapes() throws {
    let result = try Loader.load(fixture("broken-link"))
    #expect(result.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" } == [
        "01-basics/01-first.md:3:7: error: link target '02-secnd.md' does not exist",
        "01-basics/01-first.md:4:5: warning: '01-basics/02-second.md' has no heading with anchor '#loops'",
        "01-basics/01-first.md:4:48: error: path '../../secret.md' points outside the course folder",
        "course.yaml:6:11: error: link target 'guide.pdf' does not exist",
    ])
    #expect(result.diagnostics[0].hint == "did you mean '02-second.md'?")
    #expect(result.diagnostics[1].hint == "did you mean '#loop'?")
}

@Test func missingMediaInMarkdownAndYAML() throws {
    let result = try Loader.load(fixture("missing-media"))
    #expect(result.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" } == [
        "01-m/01-pictures.md:3:1: error: image '../images/cat.png' does not exist",
        "01-m/01-pictures.md:4:1: error: image '../images/Dog.svg' does not exist",
        "01-m/01-pictures.md:4:1: warning: image '../images/Dog.svg' has no alt text",
        "course.yaml:2:12: error: thumbnail file 'images/thumb.png' does not exist",
        "course.yaml:6:11: error: file 'handouts/handout.pdf' does not exist",
    ])
    #expect(result.diagnostics[1].hint?.hasPrefix("did you mean '../images/dog.svg'?") == true)
}

@Test func malformedYAMLPointsAtTheMistake() throws {
    // libyaml stops at 3:6, where it gave up; the author's mistake is the '[' never closed on line 2.
    #expect(try diagnostics(of: "malformed-yaml") == [
        "course.yaml:2:7: error: the list opened with '[' here is never closed",
    ])
}

@Test func malformedFrontMatterPositionsAreFileLines() throws {
    #expect(try diagnostics(of: "malformed-front-matter") == [
        "01-m/01-unclosed.md:1:1: error: front matter starts with '---' but is never closed",
        "01-m/02-bad-yaml.md:3:19: error: the list opened with '[' here is never closed",
    ])
}

@Test func fourDifferentProblemsInOneRun() throws {
    #expect(try diagnostics(of: "four-problems") == [
        "01-basics/01-intro.md:3:1: error: image 'diagram.png' does not exist",
        "01-basics/01-intro.md:5:7: error: link target '02-missing.md' does not exist",
        "01-basics/02-quiz.quiz.yaml:4:13: error: the quote \" opened here is never closed",
        "course.yaml:2:1: error: unknown key 'descripton' in course.yaml (did you mean 'description'?)",
    ])
}

/// The YAML mistakes authors make most, each told in their terms at the place to fix, with the fix.
@Test func yamlMistakesAreExplainedWhereTheyAre() throws {
    let cases: [(yaml: String, expected: String, hint: String)] = [
        ("title: Loops: the basics\n", "1:13: the value of 'title' contains ': ', which YAML reads as the start of another key",
         "put the value in quotes: title: \"Loops: the basics\""),
        ("title: X\n  description: Y\n", "2:3: 'description' is indented more than 'title' on line 1, so YAML reads it as part of that line's value",
         "start 'description' in column 1 like 'title'"),
        ("title: X\ndescription Y\nlevel: beginner\n", "2:1: 'description Y' has no ':' after it, so YAML cannot tell the key from the value",
         "write the key, a colon and a space"),
        ("title: X\ntags:\n\t- a\n", "3:1: a tab indents this line, and YAML only accepts spaces for indentation", "replace the tab with spaces"),
        ("title: @home\n", "1:8: a value cannot start with '@' in YAML", "put the value in quotes: title: \"@home\""),
        ("title: \"Loops\ndescription: Y\n", "1:8: the quote \" opened here is never closed", "end the value with \""),
        ("title: 'it's\n", "1:12: the value of 'title' ends at its second ', and the rest of the line cannot follow it",
         "write an apostrophe inside single quotes twice"),
        ("title: X\ntags:\n  - a\n - b\n", "4:2: this list item is indented 1 space, which matches no list above it (line 3 is indented 2 spaces)",
         "start every '- ' of one list in the same column"),
        ("title: X\ninstructors:\n  - name: A\n    email: a@b.c\n   bio: x\n",
         "5:4: 'bio' is indented 3 spaces, which matches no key above it (line 4 is indented 4 spaces)", "indent it like 'email' (4 spaces)"),
        ("title: \"C:\\path\"\n", "1:11: a backslash in a double-quoted value starts an escape YAML does not know", "use single quotes"),
    ]
    for (yaml, expected, hint) in cases {
        let course = try TemporaryCourse(["course.yaml": yaml, "01-m/01-l.md": "# L\n"])
        let result = try Loader.load(course.url)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [expected], "\(yaml)")
        // One mistake, one diagnostic: no warning follows from the rules the broken file could not set.
        #expect(result.diagnostics.count == 1, "\(yaml): \(result.diagnostics)")
        #expect(errors.first?.hint?.hasPrefix(hint) == true, "\(yaml): \(errors.first?.hint ?? "no hint")")
    }
}

/// Files meant as lessons, quizzes or modules that the format does not pick up are reported with the
/// name that would work; notes at the root (README.md) are not.
@Test func misnamedFilesAreReportedWithTheNameThatWorks() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: S\ncompletion: {require: lessons}\n",
        "01-a/01-l.md": "# L\n", "01-a/02-x.markdown": "# X\n", "01-a/03-y.MD": "# Y\n",
        "01-a/07-final.yaml": "title: Q\n", "01-a/08-q.quiz.yml": "title: Q\n", "01-a/module.yml": "title: A\n",
        "02-b/01-l.md": "# L\n", "02-c/01-l.md": "# L\n",
        "intro.md": "# Intro\n", "README.md": "# Notes\n", "01-a/images/notes.md": "# media folder notes\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.map { "\($0.location.path): \($0.message) | \($0.hint ?? "")" } == [
        "01-a/02-x.markdown: '02-x.markdown' is left out of the course: lessons end in '.md', in lower case | rename it to '02-x.md'",
        "01-a/03-y.MD: '03-y.MD' is left out of the course: lessons end in '.md', in lower case | rename it to '03-y.md'",
        "01-a/07-final.yaml: '07-final.yaml' is left out of the course: quiz files end in '.quiz.yaml' | rename it to '07-final.quiz.yaml'",
        "01-a/08-q.quiz.yml: '08-q.quiz.yml' is left out of the course: quiz files end in '.quiz.yaml', in lower case | rename it to '08-q.quiz.yaml'",
        "01-a/module.yml: 'module.yml' is left out of the course: a module's settings are read from 'module.yaml' | rename it to 'module.yaml'",
        "02-c: modules '02-b' and '02-c' in the course share the number 02, so their order comes from their names | give each its own number, e.g. renumber '02-c'",
        "intro.md: 'intro.md' at the course root is left out of the course: lessons and quizzes live in module folders | move it into '01-a/'; keep notes for authors in README.md",
    ])
    #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
}

@Test func contentLeftOutOfTheCourseIsReportedWhereItIs() throws {
    // Raw HTML, a file:// image, a Latin-1 lesson, a link to itself and a theme path used to vanish silently.
    #expect(try diagnostics(of: "left-out") == [
        "01-basics/01-keys.md:3:7: warning: raw HTML '<kbd>' is left out of the page (2 times in this lesson)",
        "01-basics/01-keys.md:5:1: error: path 'file:///home/sam/map.png' is a local file outside the course folder",
        "01-basics/01-keys.md:7:1: warning: raw HTML '<details>' is left out of the page",
        "01-basics/02-latin1.md:4:3: error: file is not valid UTF-8 text (byte 0xEF)",
        "01-basics/03-self.md:1:1: warning: '01-basics/03-self.md' is a symbolic link that does not resolve (it points to itself or to nothing); it is left out",
        "course.yaml:2:8: error: theme '../../shared-theme' is not a theme name",
    ])
}
