import CourseModel
import Foundation
import LecternTesting
import SiteBuilder
import Testing

func assignmentCourse() throws -> TemporaryCourse {
    try TemporaryCourse([
        "course.yaml": "title: Essays\nslug: essays\ntimezone: Europe/Madrid\n",
        "01-m/01-read.md": "# Read\n\nText.\n",
        "01-m/02-essay.assignment.md": """
        ---
        title: My essay
        points: 20
        due: 2026-03-14 17:00
        submission: file
        file_types: [pdf]
        max_file_mb: 5
        ---
        # My essay

        Write **one page** about the reading.
        """,
    ])
}

@Test func assignmentPageShowsFactsInstructionsAndTheKioskNote() throws {
    let course = try assignmentCourse()
    let site = try buildSite(course.url)
    let html = try #require(site.text("essays/m/essay.html"))
    #expect(html.contains("data-page=\"assignment\""))
    #expect(html.contains("<h1>My essay</h1>") && html.components(separatedBy: "<h1").count == 2)
    #expect(html.contains("<strong>one page</strong>"))
    #expect(html.contains("<time datetime=\"2026-03-14T17:00\">2026-03-14 17:00</time> (Europe/Madrid)"))
    #expect(html.contains("<dd>20</dd>") && html.contains("<dd>pdf</dd>") && html.contains("<dd>5 MB</dd>"))
    #expect(html.contains("Work is handed in on the class kiosk"))
    // The syllabus marks it an assignment, which the progress script leaves out of the completion rule.
    let home = try #require(site.text("essays/index.html"))
    #expect(home.contains("data-item-id=\"m.essay\" data-kind=\"assignment\""))
    #expect(home.contains("data-item-id=\"m.read\" data-kind=\"lesson\""))
    // The lesson before it leads on to it.
    #expect(try #require(site.text("essays/m/read.html")).contains("m/essay.html\" rel=\"next\""))
}
