import CourseModel
import HTTP

/// `/api/v1/reviews` (ratings and comments by enrolled students) and course grades by instructors.
struct ReviewRoutes {
    let catalog: Catalog
    let store: any Storage

    struct NewReview: Decodable { var course: String; var rating: Int; var comment: String? }
    struct ReviewChange: Decodable { var rating: Int?; var comment: String? }
    struct FullReview: Decodable {
        var rating: Int, comment: String
        var change: ReviewChange { ReviewChange(rating: rating, comment: comment) }
    }
    struct NewGrade: Decodable { var grade: String; var feedback: String? }
    /// The list envelope, with the average rating of all the reviews (not only this page's).
    struct ReviewPage: Encodable { var items: [Review]; var total: Int; var page: Int; var pageSize: Int; var pages: Int; var average: Double? }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/reviews") { context in
            let course = context.request.query["course"]
            if let course { _ = try catalog.course(course) }
            let request = try PageRequest(context.request.query)
            let all = try store.reviews(course: course)
            let average = Statistics.mean(all.map { Double($0.rating) }).map { Statistics.rounded($0) }
            let page = request.slice(all)
            return JSONResponse.make(ReviewPage(items: page.items, total: page.total, page: page.page, pageSize: page.pageSize,
                                                pages: page.pages, average: average))
        }
        router.add("POST", "/api/v1/reviews") { try create($0) }
        router.add("GET", "/api/v1/reviews/{id}") { context in JSONResponse.make(try find(context)) }
        router.add("PATCH", "/api/v1/reviews/{id}") { try change($0) }
        router.add("PUT", "/api/v1/reviews/{id}") { try change($0, replacing: true) }
        router.add("DELETE", "/api/v1/reviews/{id}") { try remove($0) }
        router.add("POST", "/api/v1/courses/{slug}/grades/{student_id}") { try grade($0) }
    }

    /// Enrolled students, once per course.
    func create(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let body = try JSONResponse.decode(NewReview.self, from: context.request)
        let course = try catalog.course(body.course)
        try Learning(store: store).requireEnrollment(user, in: course)
        try Self.check(rating: body.rating, comment: body.comment)
        return JSONResponse.make(status: 201, try store.addReview(userID: user.id, course: course.slug, rating: body.rating,
                                                                  comment: body.comment ?? ""))
    }

    /// Only its author edits a review: PATCH changes the fields sent, PUT replaces both.
    func change(_ context: RequestContext, replacing: Bool = false) throws -> HTTPResponse {
        let user = try context.requireUser()
        let review = try find(context)
        guard review.userId == user.id else { throw HTTPError.forbidden }
        let body = replacing
            ? try JSONResponse.decode(FullReview.self, from: context.request).change
            : try JSONResponse.decode(ReviewChange.self, from: context.request)
        try Self.check(rating: body.rating, comment: body.comment)
        guard let updated = try store.updateReview(id: review.id, rating: body.rating, comment: body.comment) else { throw HTTPError.notFound("no such review") }
        return JSONResponse.make(updated)
    }

    /// Its author or an administrator removes a review.
    func remove(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.requireUser()
        let review = try find(context)
        _ = try context.requireOwnerOrAdmin(review.userId)
        try store.deleteReview(id: review.id)
        return HTTPResponse(status: 204)
    }

    /// That course's instructors grade its enrolled students; the student sees it in my-courses.
    func grade(_ context: RequestContext) throws -> HTTPResponse {
        let user = try context.require(.oversee)
        let course = try catalog.course(context.parameters["slug"] ?? "")
        guard context.teaches(course) else { throw HTTPError.forbidden }
        guard let studentID = Int(context.parameters["student_id"] ?? ""), try store.enrollment(userID: studentID, course: course.slug) != nil else {
            throw HTTPError.notFound("no student with this id in '\(course.slug)'")
        }
        let body = try JSONResponse.decode(NewGrade.self, from: context.request)
        guard (1...32).contains(body.grade.unicodeScalars.count) else { throw HTTPError.invalid("grade must be 1 to 32 characters", field: "grade") }
        guard (body.feedback ?? "").unicodeScalars.count <= 5000 else { throw HTTPError.invalid("feedback must be at most 5000 characters", field: "feedback") }
        return JSONResponse.make(try store.setGrade(course: course.slug, studentID: studentID, grade: body.grade,
                                                    feedback: body.feedback ?? "", instructorID: user.id))
    }

    func find(_ context: RequestContext) throws -> Review {
        guard let id = Int(context.parameters["id"] ?? ""), let review = try store.review(id: id) else { throw HTTPError.notFound("no such review") }
        return review
    }

    static func check(rating: Int?, comment: String?) throws(HTTPError) {
        if let rating, !(1...5).contains(rating) { throw .invalid("rating must be a whole number from 1 to 5", field: "rating") }
        if let comment, comment.unicodeScalars.count > 5000 { throw .invalid("comment must be at most 5000 characters", field: "comment") }
    }
}
