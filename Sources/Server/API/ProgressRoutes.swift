import CourseModel
import Foundation
import HTTP

/// `/api/v1/progress`: lessons completed, bookmarks and a course's progress, for enrolled students.
struct ProgressRoutes {
    let catalog: Catalog
    let store: any Storage
    /// Where errors of writes answered later are logged (as `ErrorMiddleware` logs the others).
    let log: @Sendable (String) -> Void

    struct Bookmark: Decodable { var href: String }
    struct Progress: Encodable {
        var course: String, completedLessons: [String], quizScores: [String: Double], percentage: Double, bookmark: String?
    }

    func register(into router: inout Router) {
        router.add("POST", "/api/v1/progress/lessons/{lesson_id}/complete") { try complete($0) }
        router.add("GET", "/api/v1/progress/courses/{slug}") { try progress($0) }
        router.add("PUT", "/api/v1/progress/courses/{slug}/bookmark") { try bookmark($0) }
    }

    /// Idempotent: completing a lesson twice keeps the first time.
    func complete(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let lessonID = context.parameters["lesson_id"] ?? ""
        let course = try catalog.course(ofItem: lessonID, hint: context.request.query["course"])
        guard course.lessons.contains(where: { $0.id == lessonID }) else { throw HTTPError.notFound("'\(lessonID)' is not a lesson") }
        try Catalog.requireAuthored(course, step: lessonID)
        let at = try learning.complete(lesson: lessonID, of: course, by: user)
        return JSONResponse.make(["lesson": lessonID, "course": course.slug, "completed_at": Timestamp.text(at)])
    }

    func progress(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let course = try catalog.course(context.parameters["slug"] ?? "")
        try learning.requireEnrollment(user, in: course)
        return JSONResponse.make(Progress(course: course.slug, completedLessons: try store.completedLessons(userID: user.id, course: course.slug),
                                          quizScores: try store.bestScores(userID: user.id, course: course.slug),
                                          percentage: try learning.percentage(userID: user.id, course: course),
                                          bookmark: try store.bookmark(userID: user.id, course: course.slug)))
    }

    func bookmark(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let course = try catalog.course(context.parameters["slug"] ?? "")
        let body = try JSONResponse.decode(Bookmark.self, from: context.request)
        guard body.href.unicodeScalars.count <= 1000, !body.href.contains("://"), !body.href.hasPrefix("/") else {
            throw HTTPError.invalid("href must be a page path relative to the course, at most 1000 characters", field: "href")
        }
        // Answered once the write is on disk, without holding this thread meanwhile.
        let answer = LaterResponse()
        store.setBookmark(userID: user.id, course: course.slug, href: body.href) { [log] outcome in
            switch outcome {
            case .success(true): answer.fulfill(JSONResponse.make(["course": course.slug, "bookmark": body.href]))
            case .success(false): answer.fulfill(Learning.notEnrolled(in: course).response)
            case .failure(let error): answer.fulfill(ErrorMiddleware.response(for: error, log: log))
            }
        }
        return .later(answer)
    }

    var learning: Learning { Learning(store: store) }
}
