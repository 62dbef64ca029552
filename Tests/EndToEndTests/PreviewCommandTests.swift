import Foundation
import LecternTesting
import Testing

@Test func previewServesRebuildsOnChangeAndShowsErrors() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Live\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# First words\n\nHello.\n",
    ])
    let preview = try LecternProcess(["preview", course.url.path, "--port", "0"])
    let page = try preview.get("/course/a/x.html")
    #expect(page.status == 200 && page.body.contains("Hello."))
    #expect(page.body.contains("<script src=\"/__lectern/live-reload.js\" defer></script></body>"))
    #expect(try preview.get("/__lectern/live-reload.js").body.contains("location.reload()"))

    var version = try preview.version()
    try course.write("# First words\n\nHello again.\n", to: "01-a/01-x.md")
    try preview.waitForVersion(after: version)
    #expect(try preview.get("/course/a/x.html").body.contains("Hello again."))

    version = try preview.version()
    try course.write("title: Live\ncompletion: {require: lessons}\nlevle: x\n", to: "course.yaml")
    try preview.waitForVersion(after: version)
    // The watcher may see the file truncated before it is written: the build of the whole file follows.
    let expected = "course.yaml:3:1: error: unknown key 'levle'"
    var broken = try preview.get("/course/a/x.html")
    let brokenDeadline = Date().addingTimeInterval(10)
    while !broken.body.contains(expected), Date() < brokenDeadline {
        Thread.sleep(forTimeInterval: 0.1)
        broken = try preview.get("/course/a/x.html")
    }
    #expect(broken.status == 500 && broken.body.contains(expected))

    version = try preview.version()
    try course.write("title: Live\ncompletion: {require: lessons}\n", to: "course.yaml")
    try preview.waitForVersion(after: version)
    // A busy machine may show the watcher the file half written first: the fixed build follows.
    let deadline = Date().addingTimeInterval(10)
    while try preview.get("/course/a/x.html").status != 200, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    #expect(try preview.get("/course/a/x.html").status == 200)
}
