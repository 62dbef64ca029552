import CourseModel
import HTTP

/// `/api/v1/classes`: groups of learners (5A, 5B) with their instructors, members and courses.
///
/// Who may do what: instructors and admins list and create classes (an instructor sees the classes they
/// teach, and teaches the ones they create); a class's instructors and admins read, rename, archive it and
/// add or remove its members and courses (an instructor only the courses they teach); admins alone name a
/// class's instructors. Adding a course enrolls every member; adding a member enrolls them in every course.
struct ClassRoutes {
    let catalog: Catalog
    let store: any Storage

    struct NewClass: Decodable { var name: String; var instructorIds: [Int]? }
    struct ClassChange: Decodable { var name: String?; var archived: Bool? }
    struct People: Decodable {
        var userId: Int?, userIds: [Int]?
        /// One id or a list, as the bulk-enroll APIs of other LMSs take them.
        func ids() throws(HTTPError) -> [Int] {
            let all = (userId.map { [$0] } ?? []) + (userIds ?? [])
            guard !all.isEmpty else { throw .invalid("send user_id or user_ids", code: "missing", field: "user_ids") }
            guard all.count <= 1000 else { throw .invalid("at most 1000 accounts at once", field: "user_ids") }
            var seen = Set<Int>()
            return all.filter { seen.insert($0).inserted }
        }
    }
    struct NewCourse: Decodable { var course: String }
    struct NewInstructor: Decodable { var userId: Int }
    struct Member: Encodable { var id: Int; var username: String; var name: String; var email: String }
    struct Detail: Encodable {
        var id: Int, name: String, archived: Bool
        @Timestamp var createdAt: Int
        var instructorIds: [Int], courses: [String], memberCount: Int, members: [Member]
    }
    struct MembersAdded: Encodable { var added: [Int]; var alreadyMembers: [Int]; var enrollments: [Enrollment] }

    static let notCourseStaff = "only the course's instructors and admins add it to a class or take it off"

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/classes") { try list($0) }
        router.add("POST", "/api/v1/classes") { try create($0) }
        router.add("GET", "/api/v1/classes/{id}") { context in JSONResponse.make(try detail(try taught(context))) }
        router.add("PATCH", "/api/v1/classes/{id}") { try change($0) }
        router.add("POST", "/api/v1/classes/{id}/members") { try addMembers($0) }
        router.add("DELETE", "/api/v1/classes/{id}/members/{user_id}") { context in
            let classroom = try taught(context, changing: true)
            guard try store.removeMember(classID: classroom.id, userID: try Self.userID(context)) else { throw HTTPError.notFound("not a member of this class") }
            return HTTPResponse(status: 204)
        }
        router.add("POST", "/api/v1/classes/{id}/courses") { try addCourse($0) }
        router.add("DELETE", "/api/v1/classes/{id}/courses/{slug}") { context in
            let classroom = try taught(context, changing: true)
            let (_, course) = try context.overseenCourse(in: catalog, otherwise: Self.notCourseStaff)
            guard try store.removeCourse(classID: classroom.id, course: course.slug) else { throw HTTPError.notFound("this class does not have this course") }
            return HTTPResponse(status: 204)
        }
        router.add("POST", "/api/v1/classes/{id}/instructors") { try addInstructor($0) }
        router.add("DELETE", "/api/v1/classes/{id}/instructors/{user_id}") { context in
            _ = try context.require(.administer, otherwise: "only admins choose a class's instructors")
            let classroom = try found(context)
            guard try store.removeInstructor(classID: classroom.id, userID: try Self.userID(context)) else {
                throw HTTPError.notFound("not an instructor of this class")
            }
            return HTTPResponse(status: 204)
        }
    }

    /// An instructor's classes, or every class for an admin; `?archived=true` includes archived ones.
    func list(_ context: RequestContext) throws -> HTTPResponse {
        let account = try context.require(.oversee)
        let request = try PageRequest(context.request.query)
        let archived = context.request.query["archived"]
        guard archived == nil || archived == "true" || archived == "false" else { throw HTTPError.invalid("archived must be true or false", field: "archived") }
        let classes = try store.classes(instructorID: account.role == .admin ? nil : account.id, includeArchived: archived == "true")
        return JSONResponse.make(request.slice(classes))
    }

    func create(_ context: RequestContext) throws -> HTTPResponse {
        let account = try context.require(.oversee)
        let body = try JSONResponse.decode(NewClass.self, from: context.request)
        try Classes.checkName(body.name)
        var instructors = body.instructorIds ?? []
        if !instructors.isEmpty && account.role != .admin { throw HTTPError(403, "only admins choose a class's instructors") }
        for id in instructors { try requireInstructor(id) }
        if account.role == .instructor { instructors = [account.id] }
        return JSONResponse.make(status: 201, try store.createClass(name: body.name, instructorIDs: instructors))
    }

    func change(_ context: RequestContext) throws -> HTTPResponse {
        let classroom = try taught(context)
        let body = try JSONResponse.decode(ClassChange.self, from: context.request)
        if let name = body.name { try Classes.checkName(name) }
        guard let changed = try store.updateClass(id: classroom.id, name: body.name, archived: body.archived) else { throw HTTPError.notFound("no such class") }
        return JSONResponse.make(changed)
    }

    /// Adds learners (student accounts) and enrolls them in the class's courses.
    func addMembers(_ context: RequestContext) throws -> HTTPResponse {
        let classroom = try taught(context, changing: true)
        let ids = try JSONResponse.decode(People.self, from: context.request).ids()
        for id in ids { try requireStudent(id) }
        let (added, enrollments) = try store.addMembers(classID: classroom.id, userIDs: ids)
        return JSONResponse.make(status: added.isEmpty ? 200 : 201,
                                 MembersAdded(added: added, alreadyMembers: ids.filter { !added.contains($0) }, enrollments: enrollments))
    }

    /// Gives the class a course its caller oversees, and enrolls every member in it.
    func addCourse(_ context: RequestContext) throws -> HTTPResponse {
        let classroom = try taught(context, changing: true)
        let (_, course) = try context.overseenCourse(in: catalog, slug: try JSONResponse.decode(NewCourse.self, from: context.request).course,
                                                     otherwise: Self.notCourseStaff)
        let outcome = try store.addCourse(classID: classroom.id, course: course.slug)
        return JSONResponse.make(status: outcome.created.isEmpty ? 200 : 201, StaffEnrollmentRoutes.Outcome(outcome))
    }

    func addInstructor(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.require(.administer, otherwise: "only admins choose a class's instructors")
        let classroom = try found(context)
        let id = try JSONResponse.decode(NewInstructor.self, from: context.request).userId
        try requireInstructor(id)
        let added = try store.addInstructor(classID: classroom.id, userID: id)
        return JSONResponse.make(status: added ? 201 : 200, try store.classroom(id: classroom.id))
    }

    func detail(_ classroom: Classroom) throws -> Detail {
        Detail(id: classroom.id, name: classroom.name, archived: classroom.archived, createdAt: classroom.createdAt,
               instructorIds: classroom.instructorIds, courses: classroom.courses, memberCount: classroom.memberCount,
               members: try store.members(classID: classroom.id).map { Member(id: $0.id, username: $0.username, name: $0.name, email: $0.email) })
    }

    /// The class named in the path. - Throws: 404 when there is none.
    func found(_ context: RequestContext) throws -> Classroom {
        guard let id = Int(context.parameters["id"] ?? ""), let classroom = try store.classroom(id: id) else { throw HTTPError.notFound("no such class") }
        return classroom
    }

    /// The class in the path when the caller teaches it or is an admin; with `changing`, not archived.
    func taught(_ context: RequestContext, changing: Bool = false) throws -> Classroom {
        let account = try context.require(.oversee)
        let classroom = try found(context)
        guard account.role == .admin || classroom.instructorIds.contains(account.id) else {
            throw HTTPError(403, "only the class's instructors and admins manage it")
        }
        if changing && classroom.archived { throw HTTPError.conflict("this class is archived; bring it back first (archived: false)") }
        return classroom
    }

    static func userID(_ context: RequestContext) throws -> Int {
        guard let id = Int(context.parameters["user_id"] ?? "") else { throw HTTPError.notFound("no such account") }
        return id
    }

    private func requireStudent(_ id: Int) throws {
        guard let user = try store.user(id: id) else { throw HTTPError.invalid("no account with id \(id)", field: "user_ids") }
        guard user.role == .student else { throw HTTPError.invalid("'\(user.username)' is not a student account", field: "user_ids") }
    }

    private func requireInstructor(_ id: Int) throws {
        guard let user = try store.user(id: id), user.role == .instructor else {
            throw HTTPError.invalid("no instructor account with id \(id)", field: "instructor_ids")
        }
    }
}
