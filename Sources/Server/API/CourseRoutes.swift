import CourseModel
import Foundation
import HTTP

/// `/api/v1/courses`: the read-only catalog and a course's students.
struct CourseRoutes {
    let catalog: Catalog
    let store: any Storage
    /// Catalog pages by query: the courses are fixed while the server runs, and ratings change with reviews.
    var responses = ResponseCache()

    struct Summary: Encodable {
        var id: String, slug: String, title: String, shortDescription: String?, category: String?, level: String?
        var language: String, lessonCount: Int, quizCount: Int, durationMinutes: Int
        var reviewCount: Int, averageRating: Double?
        /// The hosted SCORM package the course stands for; absent for authored courses.
        var scormPackage: Int?
    }


    func register(into router: inout Router) {
        router.add("GET", "/api/v1/courses") { try list($0) }
        router.add("GET", "/api/v1/courses/{slug}") { context in
            let course = try catalog.course(context.parameters["slug"] ?? "")
            return JSONResponse.make(CourseDetail(course, rating: try store.ratings(course: course.slug)[course.slug]))
        }
        router.add("GET", "/api/v1/courses/{slug}/students") { try students($0) }
    }

    static func summary(_ course: Course, rating: Rating?) -> Summary {
        Summary(id: course.id, slug: course.slug, title: course.title, shortDescription: course.shortDescription, category: course.category,
                level: course.level?.rawValue, language: course.language, lessonCount: course.lessons.count,
                quizCount: course.quizzes.count, durationMinutes: course.durationMinutes,
                reviewCount: rating?.count ?? 0, averageRating: rating?.average, scormPackage: course.scormPackage)
    }

    /// Search, filters, ordering and pages: `?search=&category=&level=&ordering=title|-title|duration|-duration&page=&page_size=`.
    func list(_ context: RequestContext) throws -> HTTPResponse {
        let query = context.request.query
        // Lengths first: any text may be in a value, and two queries must never share a key.
        let key = query.sorted { $0.key < $1.key }.map { "\($0.key.utf8.count):\($0.key)\($0.value.utf8.count):\($0.value)" }.joined()
        return try responses.response(key, stamp: store.changeStamp(of: [.reviews])) { try list(query) }
    }

    private func list(_ query: [String: String]) throws -> HTTPResponse {
        let request = try PageRequest(query)
        var courses = catalog.courses
        if let search = query["search"]?.lowercased(), !search.isEmpty {
            courses = courses.filter { course in
                ([course.title, course.shortDescription ?? "", course.description ?? "", course.code ?? ""] + course.tags)
                    .contains { $0.lowercased().contains(search) }
            }
        }
        if let category = query["category"] { courses = courses.filter { $0.category?.lowercased() == category.lowercased() } }
        if let level = query["level"] {
            guard Course.Level(rawValue: level) != nil else { throw HTTPError.invalid("level must be beginner, intermediate or advanced", field: "level") }
            courses = courses.filter { $0.level?.rawValue == level }
        }
        switch query["ordering"] ?? "title" {
        case "title": courses.sort { $0.title.lowercased() < $1.title.lowercased() }
        case "-title": courses.sort { $0.title.lowercased() > $1.title.lowercased() }
        case "duration": courses.sort { $0.durationMinutes < $1.durationMinutes }
        case "-duration": courses.sort { $0.durationMinutes > $1.durationMinutes }
        default: throw HTTPError.invalid("ordering must be title, -title, duration or -duration", field: "ordering")
        }
        let ratings = try store.ratings()
        return JSONResponse.make(request.page(request.window(courses).map { Self.summary($0, rating: ratings[$0.slug]) }, total: courses.count))
    }

    /// The students of a course, for its instructors and admins; `?class=` keeps one class's members.
    func students(_ context: RequestContext) throws -> HTTPResponse {
        let (_, course) = try context.overseenCourse(in: catalog)
        let request = try PageRequest(context.request.query)
        struct Student: Encodable {
            var id: Int, username: String, name: String, email: String
            @Timestamp var enrolledAt: Int
            var percentage: Double
            /// The instructor's grade, once given.
            var grade: String?
        }
        let grades = Dictionary(try store.grades(matching: GradeQuery(course: course.slug)).items.map { ($0.studentId, $0.grade) }) { first, _ in first }
        let members = try ClassFilter.members(context.request.query, store: store)
        let students = try store.enrollments(courses: [course.slug]).compactMap { enrollment -> Student? in
            if let members, !members.contains(enrollment.userId) { return nil }
            guard let student = try store.user(id: enrollment.userId) else { return nil }
            let progress = try Learning(store: store).percentage(userID: student.id, course: course)
            return Student(id: student.id, username: student.username, name: student.name, email: student.email,
                           enrolledAt: enrollment.enrolledAt, percentage: progress, grade: grades[student.id])
        }
        return JSONResponse.make(request.slice(students))
    }
}

/// A course with its modules, lessons and quizzes, as `GET /courses/{slug}` shows it.
struct CourseDetail: Encodable {
    struct Item: Encodable { var id: String; var title: String; var kind: String; var durationMinutes: Int? }
    struct Module: Encodable { var id: String; var title: String; var items: [Item] }
    var id: String, slug: String, title: String, description: String?, shortDescription: String?, level: String?, category: String?
    var language: String, tags: [String], learningOutcomes: [String], prerequisites: [String], durationMinutes: Int
    var lessonCount: Int, quizCount: Int
    var completion: String, masteryScore: Double, modules: [Module]
    var reviewCount: Int, averageRating: Double?
    /// The hosted SCORM package the course stands for; absent for authored courses.
    var scormPackage: Int?

    init(_ course: Course, rating: Rating?) {
        scormPackage = course.scormPackage
        reviewCount = rating?.count ?? 0
        averageRating = rating?.average
        id = course.id
        slug = course.slug
        title = course.title
        description = course.description
        shortDescription = course.shortDescription
        level = course.level?.rawValue
        category = course.category
        language = course.language
        tags = course.tags
        learningOutcomes = course.learningOutcomes
        prerequisites = course.prerequisites
        durationMinutes = course.durationMinutes
        lessonCount = course.lessons.count
        quizCount = course.quizzes.count
        completion = course.completion.require.rawValue
        masteryScore = course.completion.masteryScore
        modules = course.modules.map { module in
            Module(id: module.id, title: module.title, items: module.items.map { item in
                switch item {
                case .lesson(let lesson): Item(id: lesson.id, title: lesson.title, kind: "lesson", durationMinutes: lesson.durationMinutes)
                case .quiz(let quiz): Item(id: quiz.id, title: quiz.title, kind: "quiz", durationMinutes: nil)
                case .assignment(let assignment): Item(id: assignment.id, title: assignment.title, kind: "assignment", durationMinutes: nil)
                }
            })
        }
    }
}
