import CourseModel
import HTTP

/// `/api/v1/enrollments`: students join courses; instructors see their courses' enrollments, admins all.
struct EnrollmentRoutes {
    let catalog: Catalog
    let store: any Storage
    /// Each learner's course list, until the database changes.
    var responses = ResponseCache()

    struct NewEnrollment: Decodable { var course: String }
    struct MyCourse: Encodable {
        var enrollmentId: Int, course: String, title: String
        @Timestamp var enrolledAt: Int
        var percentage: Double
        /// The instructor's grade and feedback, once given.
        var grade: String?, gradeFeedback: String?
        /// The hosted SCORM package the course stands for (its pages are the package's player).
        var scormPackage: Int?
    }

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/enrollments") { try enroll($0) }
        router.add("GET", "/api/v1/enrollments") { try list($0) }
        router.add("GET", "/api/v1/enrollments/my-courses") { try myCourses($0) }
        router.add("GET", "/api/v1/enrollments/{id}") { context in JSONResponse.make(try owned(context)) }
        router.add("DELETE", "/api/v1/enrollments/{id}") { context in
            try store.deleteEnrollment(id: try owned(context).id)
            return HTTPResponse(status: 204)
        }
    }

    func enroll(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireStudent()
        let body = try JSONResponse.decode(NewEnrollment.self, from: context.request)
        let course = try catalog.course(body.course)
        return JSONResponse.make(status: 201, try Learning(store: store).enroll(user, in: course))
    }

    func list(_ context: RequestContext) throws -> HTTPResponse {
        let account = try context.requireUser()
        let request = try PageRequest(context.request.query)
        switch account.role {
        case .admin: return JSONResponse.make(request.slice(try store.enrollments()))
        case .instructor:
            let taught = catalog.courses.filter { Catalog.teaches(account.email, $0) }.map(\.slug)
            return JSONResponse.make(request.slice(try store.enrollments(courses: taught)))
        default: throw HTTPError.forbidden
        }
    }

    func myCourses(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let request = try PageRequest(context.request.query)
        let stamp = store.changeStamp(of: [.enrollments, .completions, .attempts, .grades])
        return try responses.response("\(user.id)/\(request.page)/\(request.size)", stamp: stamp) {
            try myCourses(user, request)
        }
    }

    private func myCourses(_ user: User, _ request: PageRequest) throws -> HTTPResponse {
        let courses = try store.enrollments(userID: user.id).compactMap { enrollment -> MyCourse? in
            guard let course = try? catalog.course(enrollment.course) else { return nil }
            let grade = try store.grade(course: course.slug, studentID: user.id)
            return MyCourse(enrollmentId: enrollment.id, course: course.slug, title: course.title, enrolledAt: enrollment.enrolledAt,
                            percentage: try Learning(store: store).percentage(userID: user.id, course: course),
                            grade: grade?.grade, gradeFeedback: grade?.feedback, scormPackage: course.scormPackage)
        }
        return JSONResponse.make(request.slice(courses))
    }

    /// An enrollment its student or an admin may see; 404 when it does not exist, 403 when it is someone else's.
    func owned(_ context: RequestContext) throws -> Enrollment {
        _ = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let enrollment = try store.enrollment(id: id) else {
            throw HTTPError.notFound("no such enrollment")
        }
        _ = try context.requireOwnerOrAdmin(enrollment.userId)
        return enrollment
    }
}
