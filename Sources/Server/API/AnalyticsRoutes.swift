import CSV
import CourseModel
import Foundation
import HTTP

/// `/api/v1/analytics`: a learner's own numbers, a course's for its instructors and admins, the whole
/// server's for admins. Each answers JSON, or CSV with `?format=csv`; `?days=` sets the activity window.
struct AnalyticsRoutes {
    let catalog: Catalog
    let store: any Storage

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/analytics/student") { try student($0) }
        router.add("GET", "/api/v1/analytics/courses") { try taught($0) }
        // `?class=` narrows a course's numbers and CSVs to one class's members.
        router.add("GET", "/api/v1/analytics/courses/{slug}") { try course($0) }
        router.add("GET", "/api/v1/analytics/system") { try system($0) }
    }

    func student(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let (days, since, csv) = try options(context.request, tables: [])
        let enrollments = try store.enrollments(userID: user.id).compactMap { enrollment in
            (try? catalog.course(enrollment.course)).map { (enrollment, $0) }
        }
        var grades: [String: String] = [:]
        for (_, course) in enrollments { grades[course.slug] = try store.grade(course: course.slug, studentID: user.id)?.grade }
        let report = LearnerAnalytics(enrollments: enrollments, records: try store.records(userID: user.id),
                                      certificates: try store.certificates(userID: user.id), grades: grades,
                                      since: since, now: Clock.now, windowDays: days)
        guard csv != nil else { return JSONResponse.make(report) }
        return Self.csv("my-progress", CSVWriter.table(
            ["course", "title", "enrolled_at", "lessons_completed", "lessons_total", "percent", "quizzes_passed", "quizzes_total",
             "average_best_score", "certificate_code", "grade", "last_active"],
            report.courses.map { row in
                [row.course, row.title, Self.date(row.enrolledAt), String(row.lessonsCompleted), String(row.lessonsTotal), CSVWriter.number(row.percent),
                 String(row.quizzes.filter(\.passed).count), String(row.quizzes.count), CSVWriter.number(row.averageBestScore),
                 row.certificate.map { $0.revoked ? "" : $0.code } ?? "", row.grade ?? "", row.lastActive.map(Self.date) ?? ""]
            }))
    }

    /// The courses whose analytics the caller may see: an instructor's own, every course for an admin. A
    /// dashboard lists them without computing any report.
    func taught(_ context: RequestContext) throws -> HTTPResponse {
        let account = try context.require(.oversee)
        struct Entry: Encodable { var course: String; var title: String }
        return JSONResponse.make(catalog.courses.filter { Catalog.oversees(account, $0) }.map { Entry(course: $0.slug, title: $0.title) })
    }

    func course(_ context: RequestContext) throws -> HTTPResponse {
        let (_, course) = try context.overseenCourse(in: catalog)
        let (days, since, table) = try options(context.request, tables: ["learners", "lessons", "quizzes", "questions", "assignments"])
        let grades = try store.grades(matching: GradeQuery(course: course.slug)).items
        let members = try ClassFilter.members(context.request.query, store: store)
        let handedIn = try course.assignments.flatMap { try store.submissions(course: course.slug, assignment: $0.id, learners: members) }
        let report = CourseAnalytics(course: course, records: try store.records(course: course.slug).only(members), since: since, windowDays: days,
                                     grades: Dictionary(grades.map { ($0.studentId, $0.grade) }) { first, _ in first }, handedIn: handedIn)
        guard let table else { return JSONResponse.make(report) }
        let name = "\(course.slug)-\(context.request.query["class"].map { "class\($0)-" } ?? "")\(table)"
        switch table {
        case "lessons":
            return Self.csv(name, CSVWriter.table(["lesson", "title", "module", "completed", "percent", "drop_off"], report.lessons.map {
                [$0.id, $0.title, $0.module, String($0.completed), CSVWriter.number($0.percent), String($0.dropOff)]
            }))
        case "quizzes":
            return Self.csv(name, CSVWriter.table(["quiz", "title", "pass_score", "attempts", "learners", "average_best_score", "pass_rate"]
                                            + (0..<10).map { "best_\($0 * 10)_\($0 == 9 ? 100 : $0 * 10 + 9)" }, report.quizzes.map {
                [$0.id, $0.title, CSVWriter.number($0.passScore), String($0.attempts), String($0.learners), CSVWriter.number($0.averageBestScore),
                 CSVWriter.number($0.passRate)] + $0.distribution.map(String.init)
            }))
        case "assignments":
            return Self.csv(name, CSVWriter.table(["assignment", "title", "points", "submitted", "late", "graded", "average_points"], report.assignments.map {
                [$0.id, $0.title, CSVWriter.number($0.points), String($0.submitted), String($0.late), String($0.graded), CSVWriter.number($0.averagePoints)]
            }))
        case "questions":
            return Self.csv(name, CSVWriter.table(["quiz", "question", "type", "responses", "percent_correct", "discrimination"], report.quizzes.flatMap { quiz in
                quiz.questions.map { [quiz.id, $0.id, $0.type, String($0.responses), CSVWriter.number($0.percentCorrect), CSVWriter.number($0.discrimination)] }
            }))
        default:
            let quizzes = course.quizzes.map(\.id)
            return Self.csv(name, CSVWriter.table(["student_id", "username", "name", "email", "enrolled_at", "lessons_completed", "percent", "completed",
                                             "last_active", "grade"] + quizzes, report.learners.map { learner in
                [String(learner.id), learner.username, learner.name, learner.email, Self.date(learner.enrolledAt), String(learner.lessonsCompleted),
                 CSVWriter.number(learner.percent), learner.completed ? "yes" : "no", learner.lastActive.map(Self.date) ?? "", learner.grade ?? ""]
                    + quizzes.map { CSVWriter.number(learner.bestScores[$0]) }
            }))
        }
    }

    func system(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.require(.administer)
        let (days, since, csv) = try options(context.request, tables: [])
        // `?class=` narrows the course rows (and their CSV) to one class's members; the server's totals stay whole.
        let members = try ClassFilter.members(context.request.query, store: store)
        let counts = try store.courseCounts(classID: members == nil ? nil : Int(context.request.query["class"] ?? ""))
        let courses = try catalog.courses.map { course in
            (CourseAnalytics(course: course, records: try store.records(course: course.slug).only(members), since: since, windowDays: days),
             counts[course.slug] ?? CourseCounts())
        }
        let report = SystemAnalytics(counts: try store.systemCounts(since: since), courses: courses, since: since, now: Clock.now, windowDays: days)
        guard csv != nil else { return JSONResponse.make(report) }
        return Self.csv(context.request.query["class"].map { "courses-class\($0)" } ?? "courses", CSVWriter.table(
            ["course", "title", "enrollments", "active_learners", "completion_rate", "average_score", "certificates", "reviews", "average_rating"],
            report.courses.map {
                [$0.course, $0.title, String($0.enrollments), String($0.activeLearners), CSVWriter.number($0.completionRate), CSVWriter.number($0.averageScore),
                 String($0.certificates), String($0.reviews), CSVWriter.number($0.averageRating)]
            }))
    }

    /// `?days=` (1–365, default 30), and with `?format=csv` the table to write (`?table=`, the first by default).
    private func options(_ request: HTTPRequest, tables: [String]) throws(HTTPError) -> (days: Int, since: Int, csvTable: String?) {
        var days = 30
        if let text = request.query["days"] {
            guard let number = Int(text), (1...365).contains(number) else { throw .invalid("days must be a whole number from 1 to 365", field: "days") }
            days = number
        }
        // The window starts at midnight UTC, so the activity chart shows whole days.
        let since = (Clock.now / 86400 - (days - 1)) * 86400
        // `table` picks the CSV table; JSON holds them all, but a wrong name is an error either way.
        let table = request.query["table"] ?? tables.first ?? "rows"
        guard tables.isEmpty ? request.query["table"] == nil : tables.contains(table) else {
            throw .invalid(tables.isEmpty ? "this report has a single table" : "table must be one of: \(tables.joined(separator: ", "))",
                           field: "table")
        }
        switch request.query["format"] ?? "json" {
        case "json":
            return (days, since, nil)
        case "csv":
            return (days, since, table)
        default:
            throw .invalid("format must be json or csv", field: "format")
        }
    }

    static func csv(_ name: String, _ text: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "text/csv; charset=utf-8"), ("Cache-Control", "no-store"),
                                            ("Content-Disposition", "attachment; filename=\"\(name.filter { $0.isLetter || $0.isNumber || $0 == "-" }).csv\"")],
                     body: .bytes(Array(text.utf8)))
    }

    /// A Unix time as an ISO 8601 UTC timestamp, which spreadsheets read as a date.
    static func date(_ time: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601)
    }
}
