import CourseModel
import Foundation
import LecternTesting
import Packaging
import SiteBuilder
import Testing

private func packagedAssignmentCourse() throws -> TemporaryCourse {
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

@Test(arguments: ScormEdition.allCases)
func assignmentPageGoesIntoScormPackagesWithoutJoiningTheRule(edition: ScormEdition) throws {
    let course = try packagedAssignmentCourse()
    let result = try Loader.load(course.url)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    for layout in [ScoLayout.single, .perModule] {
        let (site, _) = try ScormPackager.contents(CourseSource(course: result.course, folder: course.url.standardizedFileURL),
                                                   options: PackageOptions(edition: edition, layout: layout, validate: true))
        let manifest = try #require(site.text("imsmanifest.xml"))
        #expect(try ScormPackager.validate(manifest: manifest, edition: edition).isEmpty)
        #expect(manifest.contains("<file href=\"essays/m/essay.html\"/>") || manifest.contains("m/essay.html"))
        let page = try #require(site.files.keys.first { $0.hasSuffix("m/essay.html") })
        #expect(site.text(page)?.contains("Work is handed in on the class kiosk") == true)
        // The SCO tracks the lesson only: viewing the assignment is all a package can ask.
        let launch = try #require(site.files.keys.first { $0.hasPrefix("lectern-sco") })
        let config = try #require(site.text(launch))
        #expect(config.contains("\"id\":\"m.read\"") && !config.contains("\"id\":\"m.essay\""))
    }
}
