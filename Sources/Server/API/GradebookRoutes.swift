import CSV
import CourseModel
import HTTP

/// Reading grades back: `GET /api/v1/courses/{slug}/grades` (the grades written by
/// `POST …/grades/{student_id}`) and `GET /api/v1/courses/{slug}/gradebook` (every enrolled learner's
/// lessons, quiz scores and attempts, grade and certificate, as JSON or `?format=csv`), for the course's
/// instructors and administrators; `?class=` keeps one class's learners.
struct GradebookRoutes {
    let catalog: Catalog
    let store: any Storage

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/courses/{slug}/grades") { try grades($0) }
        router.add("GET", "/api/v1/courses/{slug}/gradebook") { try gradebook($0) }
    }

    /// `?student_id=` narrows the list to one learner (the teaching page's grading form reads it back).
    func grades(_ context: RequestContext) throws -> HTTPResponse {
        let (_, course) = try context.overseenCourse(in: catalog)
        let request = try PageRequest(context.request.query)
        var query = GradeQuery(course: course.slug, limit: request.size, offset: request.offset)
        if let text = context.request.query["student_id"] {
            guard let id = Int(text), id > 0 else { throw HTTPError.invalid("student_id must be a whole number", field: "student_id") }
            query.studentID = id
        }
        let found = try store.grades(matching: query)
        return JSONResponse.make(request.page(found.items, total: found.total))
    }

    func gradebook(_ context: RequestContext) throws -> HTTPResponse {
        let (_, course) = try context.overseenCourse(in: catalog)
        let format = context.request.query["format"] ?? "json"
        guard format == "json" || format == "csv" else { throw HTTPError.invalid("format must be json or csv", field: "format") }
        let grades = try store.grades(matching: GradeQuery(course: course.slug)).items
        let certificates = try store.certificates(matching: CertificateQuery(course: course.slug)).items.map(\.certificate)
        // `?class=`: one class's learners, as the teaching page's class picker shows them.
        let members = try ClassFilter.members(context.request.query, store: store)
        let submissions = try course.assignments.flatMap { try store.submissions(course: course.slug, assignment: $0.id, learners: members) }
        let book = Gradebook(course: course, records: try store.records(course: course.slug).only(members),
                             grades: Dictionary(grades.map { ($0.studentId, $0) }) { first, _ in first },
                             certificates: Dictionary(certificates.map { ($0.userId, $0) }) { first, _ in first }, submissions: submissions)
        guard format == "csv" else { return JSONResponse.make(book) }
        return AnalyticsRoutes.csv("\(course.slug)-\(context.request.query["class"].map { "class\($0)-" } ?? "")gradebook", CSVWriter.table(book.csvHeader, book.learners.map { row in
            [String(row.id), row.username, row.name, String(row.lessonsCompleted), String(book.lessonsTotal), CSVWriter.number(row.percent),
             row.completed ? "yes" : "no"]
                + book.quizzes.flatMap { quiz in
                    [CSVWriter.number(row.quizzes[quiz.id]?.bestScore), String(row.quizzes[quiz.id]?.attempts ?? 0)]
                }
                + book.assignments.map { CSVWriter.number(row.assignments[$0.id]?.points) }
                + [row.grade ?? "", row.feedback ?? "", row.certificate?.code ?? "",
                   row.certificate.map { $0.revoked ? "revoked" : "valid" } ?? ""]
        }))
    }
}
