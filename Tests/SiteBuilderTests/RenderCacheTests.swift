import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

/// Loads and builds with caches, as `lectern preview` does between rebuilds.
func cachedBuild(_ folder: URL, load: LoadCache, render: RenderCache) throws -> BuiltSite {
    let result = try Loader.load(folder, options: LoadOptions(cache: load))
    return try SiteBuilder.build([CourseSource(course: result.course, folder: folder)], options: SiteOptions(cache: render))
}

@Test func cachedRebuildsMatchFreshBuildsAfterEachEdit() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Cached\ncompletion: {require: lessons}\n",
        "01-a/01-one.md": "# One\n\nSee [two](02-two.md).\n",
        "01-a/02-two.md": "# Two\n\nText.\n",
        "01-a/03-three.md": "# Three\n",
    ])
    let load = LoadCache(), render = RenderCache()
    let first = try cachedBuild(course.url, load: load, render: render)
    #expect(try bytes(of: first) == bytes(of: buildSite(course.url)))

    // Renaming a lesson's title must reach its neighbours' previous/next links and the sidebar.
    try course.write("# Second lesson\n\nText.\n", to: "01-a/02-two.md")
    let second = try cachedBuild(course.url, load: load, render: render)
    #expect(try bytes(of: second) == bytes(of: buildSite(course.url)))
    #expect(second.text("course/a/one.html")?.contains("Second lesson") == true)
    #expect(second.text("course/a/three.html")?.contains("Second lesson") == true)

    // Renaming a file changes the link target in another lesson's rendered body.
    try course.move("01-a/02-two.md", to: "01-a/02-deux.md")
    try course.write("# One\n\nSee [two](02-deux.md).\n", to: "01-a/01-one.md")
    let third = try cachedBuild(course.url, load: load, render: render)
    #expect(try bytes(of: third) == bytes(of: buildSite(course.url)))
    #expect(third.text("course/a/one.html")?.contains("href=\"deux.html\"") == true)
}
