import Foundation
import LecternTesting
import SiteBuilder
import Testing

@Test func onlyPagesWithCodeOrMathLoadTheirLibraries() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Rich\ncompletion: {require: lessons}\n",
        "01-a/01-plain.md": "# Plain\n\nJust text.\n",
        "01-a/02-code.md": "# Code\n\n```swift\nlet x = 1\n```\n",
        "01-a/03-math.md": "# Math\n\n$$\nE = mc^2\n$$\n",
        "01-a/04-q.quiz.yaml": "questions:\n  - {type: true_false, prompt: \"Is $1 + 1 = 2$?\", answer: true}\n",
    ])
    let site = try buildSite(course.url)
    let plain = try #require(site.text("course/a/plain.html"))
    let code = try #require(site.text("course/a/code.html"))
    let math = try #require(site.text("course/a/math.html"))
    let quiz = try #require(site.text("course/a/q.html"))
    for page in [plain, code, math, quiz] { #expect(page.contains("lectern.")) }
    #expect(!plain.contains("highlight.min.") && !plain.contains("katex"))
    #expect(code.contains("highlight.min.") && !code.contains("katex"))
    #expect(math.contains("katex.min.css") && math.contains("katex.min.js") && !math.contains("highlight.min."))
    #expect(quiz.contains("katex.min.js"))
    #expect(site.files.keys.contains { $0.hasSuffix("/fonts/KaTeX_Main-Regular.woff2") })

    let plainCourse = try TemporaryCourse(["course.yaml": "title: Plain\ncompletion: {require: lessons}\n", "01-a/01-x.md": "# X\n"])
    let plainSite = try buildSite(plainCourse.url)
    #expect(!plainSite.files.keys.contains { $0.contains("katex") || $0.contains("highlight") })
}

@Test func videoLessonsGetTracksPosterAndTranscript() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Vídeo\nlanguage: es\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "---\ntype: video\nvideo: ../media/talk.webm\n---\n# Clip\n",
        "media/talk.webm": "video", "media/talk.poster.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "media/talk.en.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nHello <i>there</i>.\n",
        "media/talk.es.vtt": "WEBVTT\n\n1\n00:00.000 --> 00:02.000\n<v Ana>Hola & bienvenidos.\n\n00:02.000 --> 00:04.000\nSegunda línea.\n",
    ])
    let page = try #require(try buildSite(course.url).text("course/a/x.html"))
    #expect(page.contains("<video"))
    #expect(page.contains("../media/media/talk.webm") && page.contains("video/webm"))
    #expect(page.contains("../media/media/talk.poster.svg"))
    #expect(page.contains("srclang=\"es\"") && page.contains("srclang=\"en\""))
    // The course's language comes first and is the default track; its cues make the transcript.
    let spanish = try #require(page.range(of: "srclang=\"es\""))
    let english = try #require(page.range(of: "srclang=\"en\""))
    #expect(spanish.lowerBound < english.lowerBound)
    #expect(page.contains("<p>Hola &amp; bienvenidos.</p>\n<p>Segunda línea.</p>"))
}
