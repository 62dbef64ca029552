import CourseModel
import HTTP

/// `/api/v1/courses/{slug}/discussion` (a lesson's or the course home's topics, the moderation queue) and
/// `/api/v1/discussion/{id}` (a topic with its replies; replying, editing, moderating, deleting any post).
struct DiscussionRoutes {
    let catalog: Catalog
    let store: any Storage
    var discussions: Discussions { Discussions(store: store) }

    struct NewTopic: Decodable { var lesson: String?; var title: String; var body: String }
    struct NewReply: Decodable { var body: String }
    /// The author's `title`/`body` (within the edit window), the staff's `state`, `pinned`, `locked`.
    struct PostChange: Decodable { var title: String?; var body: String?; var state: Post.State?; var pinned: Bool?; var locked: Bool? }
    struct Thread: Encodable { var topic: Post; var replies: [Post] }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/courses/{slug}/discussion") { try topics($0) }
        router.add("POST", "/api/v1/courses/{slug}/discussion") { try createTopic($0) }
        router.add("GET", "/api/v1/courses/{slug}/discussion/queue") { try queue($0) }
        router.add("GET", "/api/v1/discussion/{id}") { try thread($0) }
        router.add("POST", "/api/v1/discussion/{id}/replies") { try reply($0) }
        router.add("PATCH", "/api/v1/discussion/{id}") { try change($0) }
        router.add("DELETE", "/api/v1/discussion/{id}") { try remove($0) }
    }

    /// A place's topics (`?lesson=`, else the course home), pinned first, then by latest activity.
    func topics(_ context: RequestContext) throws -> HTTPResponse {
        let (participant, course) = try discussions.participant(context, in: context.parameters["slug"] ?? "", catalog: catalog)
        let lesson = try place(context.request.query["lesson"], in: course)
        let request = try PageRequest(context.request.query)
        let found = try store.topics(matching: TopicQuery(course: course.slug, lesson: lesson, reader: participant.isStaff ? nil : participant.user.id,
                                                          limit: request.size, offset: request.offset))
        return JSONResponse.make(request.page(found.items.map(Discussions.rendered), total: found.total))
    }

    func createTopic(_ context: RequestContext) throws -> HTTPResponse {
        let (participant, course) = try discussions.participant(context, in: context.parameters["slug"] ?? "", catalog: catalog)
        let body = try JSONResponse.decode(NewTopic.self, from: context.request)
        let lesson = try place(body.lesson, in: course)
        try Discussions.checkTitle(body.title)
        try Discussions.checkBody(body.body)
        try discussions.checkRate(participant)
        let post = try store.addPost(NewPost(course: course.slug, lesson: lesson, topicID: nil, userID: participant.user.id, title: body.title,
                                             body: body.body, state: Discussions.initialState(in: course, participant)))
        return JSONResponse.make(status: 201, Discussions.rendered(post))
    }

    /// The course's posts waiting for an instructor (a `moderated` course's), oldest first: its staff only.
    func queue(_ context: RequestContext) throws -> HTTPResponse {
        let (_, course) = try context.overseenCourse(in: catalog, otherwise: "only the course's instructors moderate its discussion")
        try Discussions.requireDiscussion(course)
        let request = try PageRequest(context.request.query)
        return JSONResponse.make(request.slice(try store.pendingPosts(course: course.slug).map(Discussions.rendered)))
    }

    /// A topic and the replies the reader may see.
    func thread(_ context: RequestContext) throws -> HTTPResponse {
        let (post, participant, _) = try find(context)
        guard post.topicId == nil else { throw HTTPError.notFound("no such topic (this post is a reply to topic \(post.topicId!))") }
        let replies = try store.replies(topic: post.id, reader: participant.isStaff ? nil : participant.user.id)
        var topic = Discussions.rendered(post)
        topic.replies = replies.count
        return JSONResponse.make(Thread(topic: topic, replies: replies.map(Discussions.rendered)))
    }

    func reply(_ context: RequestContext) throws -> HTTPResponse {
        let (topic, participant, course) = try find(context)
        guard topic.topicId == nil else { throw HTTPError.notFound("no such topic (reply to topic \(topic.topicId!))") }
        guard topic.state == .published else { throw HTTPError.conflict("this topic is not published", code: "topic_not_published") }
        guard !topic.locked || participant.isStaff else { throw HTTPError.conflict("this topic is locked", code: "topic_locked") }
        let body = try JSONResponse.decode(NewReply.self, from: context.request)
        try Discussions.checkBody(body.body)
        try discussions.checkRate(participant)
        let reply = try store.addPost(NewPost(course: course.slug, lesson: topic.lesson ?? "", topicID: topic.id, userID: participant.user.id,
                                              title: "", body: body.body, state: Discussions.initialState(in: course, participant),
                                              link: catalog.page(of: topic.lesson ?? "", in: course.slug)))
        // A published reply tells the topic's author in its own transaction; a pending one when it is approved.
        return JSONResponse.make(status: 201, Discussions.rendered(reply))
    }

    /// The author changes the text within the edit window (in a moderated course a learner's edit waits
    /// for approval again); the staff set `state`, `pinned` and `locked` (the last two on topics only).
    func change(_ context: RequestContext) throws -> HTTPResponse {
        let (post, participant, course) = try find(context)
        let body = try JSONResponse.decode(PostChange.self, from: context.request)
        if body.title != nil || body.body != nil {
            try Discussions.checkAuthorWindow(post, participant)
            if let title = body.title {
                guard post.topicId == nil else { throw HTTPError.invalid("a reply has no title", field: "title") }
                try Discussions.checkTitle(title)
            }
            if let text = body.body { try Discussions.checkBody(text) }
        }
        if body.state != nil || body.pinned != nil || body.locked != nil {
            guard participant.isStaff else { throw HTTPError(403, "only the course's instructors moderate its discussion") }
            if post.topicId != nil, body.pinned != nil || body.locked != nil {
                throw HTTPError.invalid("only a topic is pinned or locked", field: body.pinned != nil ? "pinned" : "locked")
            }
        }
        if body.title != nil || body.body != nil { _ = try store.editPost(id: post.id, title: body.title, body: body.body) }
        let requeued: Post.State? = (body.title != nil || body.body != nil) && post.state == .published
            && Discussions.initialState(in: course, participant) == .pending ? .pending : nil
        guard let changed = try store.moderatePost(id: post.id, state: body.state ?? requeued, pinned: body.pinned, locked: body.locked,
                                                   replyLink: catalog.page(of: post.lesson ?? "", in: course.slug)) else {
            throw HTTPError.notFound("no such post")
        }
        return JSONResponse.make(Discussions.rendered(changed))
    }

    /// The author within the edit window, or the course's staff at any time (a topic goes with its replies).
    func remove(_ context: RequestContext) throws -> HTTPResponse {
        let (post, participant, _) = try find(context)
        if !participant.isStaff { try Discussions.checkAuthorWindow(post, participant) }
        try store.deletePost(id: post.id)
        return HTTPResponse(status: 204)
    }

    /// The post named by the path, its reader and course. 404 also for a post the reader may not see,
    /// and for one whose course is gone or has no discussion now.
    func find(_ context: RequestContext) throws -> (Post, Discussions.Participant, Course) {
        _ = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let post = try store.post(id: id) else { throw HTTPError.notFound("no such post") }
        let (participant, course) = try discussions.participant(context, in: post.course, catalog: catalog)
        guard Discussions.canRead(post, participant) else { throw HTTPError.notFound("no such post") }
        if let topic = post.topicId, !participant.isStaff {
            // A reply under a topic the reader may not see is as hidden as the topic.
            guard let parent = try store.post(id: topic), Discussions.canRead(parent, participant) else { throw HTTPError.notFound("no such post") }
        }
        return (post, participant, course)
    }

    /// The lesson a place names ('' for the course home). - Throws: 404 when the course has no such lesson.
    func place(_ lesson: String?, in course: Course) throws(HTTPError) -> String {
        guard let lesson, !lesson.isEmpty else { return "" }
        guard course.lessons.contains(where: { $0.id == lesson }) else { throw .notFound("no lesson '\(lesson)' in '\(course.slug)'") }
        return lesson
    }
}
