import CourseModel
import Foundation
import LecternTesting
import Testing

@Test func assignmentTakesItsPlaceWithEverySetting() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Essays\ntimezone: Europe/Madrid\n",
        "01-m/01-read.md": "# Read\n\nText.\n",
        "01-m/02-essay.assignment.md": """
        ---
        title: My essay
        points: 20
        due: 2026-03-14 17:00
        submission: both
        late: refuse
        file_types: [PDF, .png, docx]
        max_file_mb: 5
        counts_for_completion: true
        ---
        Write about [the reading](01-read.md).
        """,
        "01-m/03-check.quiz.yaml": "title: Q\nquestions:\n  - {type: true_false, prompt: T?, answer: true}\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    #expect(result.course.modules[0].items.map(\.id) == ["m.read", "m.essay", "m.check"])
    let assignment = try #require(result.course.assignments.first)
    #expect(assignment.title == "My essay" && assignment.points == 20 && assignment.submission == .both && assignment.late == .refuse)
    #expect(assignment.fileTypes == ["pdf", "png", "docx"] && assignment.maxFileMB == 5 && assignment.countsForCompletion)
    #expect(assignment.due == DueDate(year: 2026, month: 3, day: 14, hour: 17, minute: 0))
    #expect(assignment.body.contains("Write about"))
    // 17:00 in Madrid in March (CET, UTC+1) is 16:00 UTC.
    #expect(result.course.timeZone == "Europe/Madrid")
    #expect(assignment.due?.deadline(in: result.course.dueDateZone) == Date(timeIntervalSince1970: 1_773_504_000))
    // Lessons and quizzes stay what they were: assignments are their own kind.
    #expect(result.course.lessons.count == 1 && result.course.quizzes.count == 1)
}

@Test func assignmentDefaultsAndDayOnlyDueDate() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Defaults\ncompletion: {require: lessons}\n",
        "01-m/00-intro.md": "# Intro\n",
        "01-m/01-draw.assignment.md": "---\npoints: 10\ndue: 2026-02-28\n---\n# Draw a map\n\nOn paper, then photograph it.\n",
    ])
    let result = try Loader.load(course.url)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let assignment = try #require(result.course.assignments.first)
    #expect(assignment.title == "Draw a map" && assignment.submission == .both && assignment.late == .accept && !assignment.countsForCompletion)
    #expect(assignment.fileTypes == Assignment.knownFileTypes && assignment.maxFileMB == Assignment.defaultMaxFileMB)
    // A day is due at its last second.
    let utc = TimeZone(identifier: "UTC")!
    #expect(assignment.due?.deadline(in: utc) == Date(timeIntervalSince1970: 1_772_323_199))
}

@Test func assignmentMistakesAreEachReportedWhereTheyAre() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Bad\ntimezone: Mars/Olympus\n",
        "01-m/01-bad.assignment.md": """
        ---
        points: 0
        due: 2026-02-30
        submission: files
        late: later
        file_types: [pdf, exe]
        max_file_mb: 5000
        counts_for_completion: maybe
        deu: 2026-01-01
        ---
        Hand it in.
        """,
        "01-m/02-none.assignment.md": "No front matter.\n",
        "01-m/03-nopoints.assignment.md": "---\ntitle: No points\n---\nText.\n",
    ])
    let found = try Loader.load(course.url).diagnostics.map { "\($0.location): \($0.message)" }
    #expect(found == [
        "01-m/01-bad.assignment.md:1:1: assignment has no title",
        "01-m/01-bad.assignment.md:2:9: 'points' must be more than 0",
        "01-m/01-bad.assignment.md:3:6: 'due' must be a date (2026-03-14) or a date and time (2026-03-14 17:00), found '2026-02-30'",
        "01-m/01-bad.assignment.md:4:13: 'submission' must be one of text, file, both, found 'files' (did you mean 'file'?)",
        "01-m/01-bad.assignment.md:5:7: 'late' must be one of accept, refuse, found 'later'",
        "01-m/01-bad.assignment.md:6:19: file type 'exe' is not one the kiosk can check",
        "01-m/01-bad.assignment.md:7:14: 'max_file_mb' must be between 1 and 1024, found 5000",
        "01-m/01-bad.assignment.md:8:24: 'counts_for_completion' must be true or false, found 'maybe'",
        "01-m/01-bad.assignment.md:9:1: unknown key 'deu' in the front matter (did you mean 'due'?)",
        "01-m/02-none.assignment.md:1:1: an assignment needs front matter with at least 'points'",
        "01-m/02-none.assignment.md:1:1: assignment has no title",
        "01-m/03-nopoints.assignment.md:2:1: missing required key 'points'",
        "course.yaml:2:11: timezone 'Mars/Olympus' is not a time zone name",
    ])
}

@Test func dueDatesParseStrictly() {
    #expect(DueDate.parse("2026-03-14T17:05") == DueDate(year: 2026, month: 3, day: 14, hour: 17, minute: 5))
    #expect(DueDate.parse("2026-03-14 17:05:30") == DueDate(year: 2026, month: 3, day: 14, hour: 17, minute: 5))
    for bad in ["2026-3-14", "2026-02-29", "2026-03-14 24:00", "2026-03-14T17:00Z", "tomorrow", "2026-03-14 17:00 +01:00", ""] {
        #expect(DueDate.parse(bad) == nil, "\(bad)")
    }
}
