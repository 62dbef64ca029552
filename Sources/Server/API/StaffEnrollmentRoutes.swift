import CourseModel
import HTTP

/// `/api/v1/courses/{slug}/enrollments`: a course's instructors and admins enroll learners (one, a list,
/// or a whole class) and withdraw them. The learners find the course on "My courses" with nothing to press.
struct StaffEnrollmentRoutes {
    let catalog: Catalog
    let store: any Storage

    struct Request: Decodable { var userId: Int?; var userIds: [Int]?; var classId: Int? }
    /// Which enrollments were made and which learners were enrolled already (the bulk-enroll answer).
    struct Outcome: Encodable {
        var created: [Enrollment]
        var alreadyEnrolled: [Int]
        init(_ outcome: EnrollmentOutcome) {
            created = outcome.created
            alreadyEnrolled = outcome.alreadyEnrolled
        }
    }

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/courses/{slug}/enrollments") { try enroll($0) }
        router.add("DELETE", "/api/v1/courses/{slug}/enrollments/{user_id}") { context in
            let course = try context.overseenCourse(in: catalog, otherwise: Self.notStaff).1
            guard try store.withdraw(userID: try ClassRoutes.userID(context), course: course.slug) else {
                throw HTTPError.notFound("this account is not enrolled in this course")
            }
            return HTTPResponse(status: 204)
        }
    }

    /// `user_id`, `user_ids` or `class_id` (the class's members; the caller must teach the class or be an admin).
    func enroll(_ context: RequestContext) throws -> HTTPResponse {
        let course = try context.overseenCourse(in: catalog, otherwise: Self.notStaff).1
        let account = try context.requireUser()
        let body = try JSONResponse.decode(Request.self, from: context.request)
        var ids: [Int]
        if let classID = body.classId {
            guard body.userId == nil && body.userIds == nil else { throw HTTPError.invalid("send class_id or user ids, not both", field: "class_id") }
            guard let classroom = try store.classroom(id: classID) else { throw HTTPError.invalid("no class with id \(classID)", field: "class_id") }
            guard account.role == .admin || classroom.instructorIds.contains(account.id) else {
                throw HTTPError(403, "only the class's instructors and admins enroll a whole class")
            }
            ids = try store.members(classID: classID).filter { $0.role == .student }.map(\.id)
        } else {
            ids = try ClassRoutes.People(userId: body.userId, userIds: body.userIds).ids()
            // All or nothing: one unknown or non-student id refuses the whole request.
            for id in ids {
                guard let user = try store.user(id: id) else { throw HTTPError.invalid("no account with id \(id)", field: "user_ids") }
                guard user.role == .student else { throw HTTPError.invalid("'\(user.username)' is not a student account", field: "user_ids") }
            }
        }
        let outcome = try store.enroll(userIDs: ids, course: course.slug)
        return JSONResponse.make(status: outcome.created.isEmpty ? 200 : 201, Outcome(outcome))
    }

    static let notStaff = "only the course's instructors and admins enroll learners"
}
