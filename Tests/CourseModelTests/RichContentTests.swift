import CourseModel
import LecternTesting
import Testing

@Test func unbalancedMathIsReportedAtItsFilePosition() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Math\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "---\nsummary: Sums\n---\n# Sums\n\nThe sum $\\sum i is here.\n",
    ])
    let found = try Loader.load(course.url).diagnostics.map { "\($0.location): \($0.message)" }
    #expect(found == ["01-a/01-x.md:6:9: math opened with '$' is never closed on its line"])
}

@Test func webVideoIsAWarningAndAnErrorOffline() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Video\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "---\ntype: video\nvideo: https://www.youtube.com/watch?v=abc\n---\n# Clip\n",
    ])
    let online = try Loader.load(course.url).diagnostics
    #expect(online.map { "\($0.severity.rawValue) \($0.location)" } == ["warning 01-a/01-x.md:3:8"])
    let offline = try Loader.load(course.url, options: LoadOptions(offline: true)).diagnostics
    #expect(offline.map { "\($0.severity.rawValue) \($0.location)" } == ["error 01-a/01-x.md:3:8"])
}

@Test func captionsAndPosterAreFoundNextToTheVideo() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Video\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "---\ntype: video\nvideo: ../media/talk.mp4\n---\n# Clip\n",
        "media/talk.mp4": "video", "media/talk.en.vtt": "WEBVTT\n", "media/talk.pt-BR.vtt": "WEBVTT\n",
        "media/talk.poster.png": "png", "media/talk.notes.txt": "not a track", "media/other.en.vtt": "WEBVTT\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty)
    let lesson = try #require(result.course.lessons.first)
    #expect(lesson.captions == [Caption(path: "media/talk.en.vtt", language: "en"), Caption(path: "media/talk.pt-BR.vtt", language: "pt-BR")])
    #expect(lesson.poster == "media/talk.poster.png")
    #expect(result.course.mediaFiles == ["media/talk.en.vtt", "media/talk.mp4", "media/talk.poster.png", "media/talk.pt-BR.vtt"])
}

@Test func aCourseLanguageWithoutUIStringsIsAWarning() throws {
    let course = try TemporaryCourse(["course.yaml": "title: Kurs\nlanguage: de\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"])
    let warned = try Loader.load(course.url, options: LoadOptions(uiLanguages: ["en", "es"])).diagnostics
    #expect(warned.map(\.message) == ["the theme has no UI strings in 'de', so navigation, quiz buttons and messages will be in English"])
    try course.write("{\"nav.next\": \"Weiter\"}", to: "theme/strings/de.json")
    #expect(try Loader.load(course.url, options: LoadOptions(uiLanguages: ["en", "es"])).diagnostics.isEmpty)
}
