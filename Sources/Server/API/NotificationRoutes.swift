import CourseModel
import Foundation
import HTTP

/// The inbox (`/api/v1/notifications`: every account reads and marks its own) and a course's
/// announcements, which its instructors send to its learners or to one class of them.
struct NotificationRoutes {
    let catalog: Catalog
    let store: any Storage

    struct NewAnnouncement: Decodable { var title: String; var body: String; var classId: Int? }
    /// The list envelope with the account's unread count (of all its notifications, not only this page's).
    struct InboxPage: Encodable { var items: [InboxNotification]; var total: Int; var page: Int; var pageSize: Int; var pages: Int; var unread: Int }
    struct Unread: Encodable { var unread: Int }
    struct Marked: Encodable { var marked: Int }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/notifications") { context in
            let user = try context.requireSignedIn()
            let request = try PageRequest(context.request.query)
            let unreadOnly = try Self.flag(context.request.query["unread"], "unread")
            let found = try store.notifications(userID: user.id, unreadOnly: unreadOnly, limit: request.size, offset: request.offset)
            let titled = found.items.map { note in
                var note = note
                note.courseTitle = note.course.flatMap { try? catalog.course($0).title }
                return note
            }
            let page = request.page(titled, total: found.total)
            return JSONResponse.make(InboxPage(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize,
                                               pages: page.pages, unread: found.unread))
        }
        // What the page header asks every half minute: one count on an index.
        router.add("GET", "/api/v1/notifications/unread-count") { context in
            let user = try context.requireSignedIn()
            return JSONResponse.make(Unread(unread: try store.unreadNotifications(userID: user.id)))
        }
        router.add("POST", "/api/v1/notifications/read-all") { context in
            let user = try context.requireSignedIn()
            return JSONResponse.make(Marked(marked: try store.markAllNotificationsRead(userID: user.id)))
        }
        router.add("POST", "/api/v1/notifications/{id}/read") { context in
            let user = try context.requireSignedIn()
            // Another account's notification is answered like a missing one: ids reveal nothing.
            guard let id = Int(context.parameters["id"] ?? ""), try store.markNotificationRead(id: id, userID: user.id) else {
                throw HTTPError.notFound("no such notification")
            }
            return HTTPResponse(status: 204)
        }
        router.add("GET", "/api/v1/courses/{slug}/announcements") { try list($0) }
        router.add("POST", "/api/v1/courses/{slug}/announcements") { try announce($0) }
        router.add("DELETE", "/api/v1/courses/{slug}/announcements/{id}") { context in
            let (_, course) = try context.overseenCourse(in: catalog)
            guard let id = Int(context.parameters["id"] ?? ""), let found = try store.announcement(id: id), found.course == course.slug else {
                throw HTTPError.notFound("no such announcement in '\(course.slug)'")
            }
            try store.deleteAnnouncement(id: id)
            return HTTPResponse(status: 204)
        }
    }

    /// The course's staff see every announcement; an enrolled learner sees those sent to them.
    func list(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let course = try catalog.course(context.parameters["slug"] ?? "")
        let request = try PageRequest(context.request.query)
        let recipient: Int?
        if context.oversees(course) {
            recipient = nil
        } else {
            try Learning(store: store).requireEnrollment(user, in: course)
            recipient = user.id
        }
        let found = try store.announcements(course: course.slug, recipientID: recipient, limit: request.size, offset: request.offset)
        return JSONResponse.make(request.page(found.items, total: found.total))
    }

    /// The course's instructors and administrators announce to its learners; to one class only when
    /// `class_id` names a class that has the course, and (for an instructor) that they teach.
    func announce(_ context: RequestContext) throws -> HTTPResponse {
        let (user, course) = try context.overseenCourse(in: catalog)
        let body = try JSONResponse.decode(NewAnnouncement.self, from: context.request)
        let title = body.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = body.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw HTTPError.invalid("title must not be empty", field: "title") }
        guard title.unicodeScalars.count <= TextBounds.announcementTitle else {
            throw HTTPError.invalid("title must be at most \(TextBounds.announcementTitle) characters", field: "title")
        }
        guard !body.title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw HTTPError.invalid("title must not contain control characters", field: "title")
        }
        guard text.unicodeScalars.count <= TextBounds.announcementBody else {
            throw HTTPError.invalid("body must be at most \(TextBounds.announcementBody) characters", field: "body")
        }
        if let classID = body.classId {
            guard let classroom = try store.classroom(id: classID) else { throw HTTPError.notFound("no such class") }
            guard user.role == .admin || classroom.instructorIds.contains(user.id) else {
                throw HTTPError(403, "only the class's instructors announce to it")
            }
            guard classroom.courses.contains(course.slug) else {
                throw HTTPError.invalid("class '\(classroom.name)' does not take '\(course.slug)'", field: "class_id")
            }
        }
        let announcement = try store.announce(course: course.slug, classID: body.classId, authorID: user.id, title: title, body: text,
                                              link: course.slug + "/index.html")
        return JSONResponse.make(status: 201, announcement)
    }

    /// `?unread=true|false`, false when absent. - Throws: 422 for any other value.
    static func flag(_ text: String?, _ name: String) throws(HTTPError) -> Bool {
        switch text {
        case nil, "false", "0": return false
        case "true", "1": return true
        default: throw .invalid("\(name) must be true or false", field: name)
        }
    }
}
