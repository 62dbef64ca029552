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

@Test func malformedYAMLReportsLibyamlPosition() throws {
    #expect(try diagnostics(of: "malformed-yaml") == [
        "course.yaml:3:6: error: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at 2:7)",
    ])
}

@Test func malformedFrontMatterPositionsAreFileLines() throws {
    #expect(try diagnostics(of: "malformed-front-matter") == [
        "01-m/01-unclosed.md:1:1: error: front matter starts with '---' but is never closed",
        "01-m/02-bad-yaml.md:4:1: error: malformed front matter: did not find expected ',' or ']' (while parsing a flow sequence at 3:19)",
    ])
}

@Test func fourDifferentProblemsInOneRun() throws {
    #expect(try diagnostics(of: "four-problems") == [
        "01-basics/01-intro.md:3:1: error: image 'diagram.png' does not exist",
        "01-basics/01-intro.md:5:7: error: link target '02-missing.md' does not exist",
        "01-basics/02-quiz.quiz.yaml:5:1: error: malformed YAML: found unexpected end of stream (while scanning a quoted scalar at 4:13)",
        "course.yaml:2:1: error: unknown key 'descripton' in course.yaml (did you mean 'description'?)",
    ])
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
