import CourseModel
import Markdown

/// The rules of lesson discussions: who takes part, what a post may hold, how often, and who moderates.
/// A course's enrolled learners and its staff (instructors, administrators) read and write; anyone
/// else, a disabled account included, is refused before any post is read.
struct Discussions: Sendable {
    let store: any Storage

    /// How long an author may still edit or delete a post, in seconds.
    static let editWindow = 15 * 60
    /// A learner's posts (topics and replies together) within `rateWindow` seconds.
    static let postsPerWindow = 10
    static let rateWindow = 10 * 60

    /// Someone taking part in a course's discussion.
    struct Participant {
        var user: User
        /// The course's instructors and administrators: they see every post and moderate.
        var isStaff: Bool
    }

    /// The signed-in account when it may take part in the course's discussion, checked in the API's
    /// order: signed in (401/403), the course (404, also `discussion_off` when it has none), then membership (403).
    func participant(_ context: RequestContext, in slug: String, catalog: Catalog) throws -> (Participant, Course) {
        let user = try context.requireUser()
        let course = try catalog.course(slug)
        try Self.requireDiscussion(course)
        if context.oversees(course) { return (Participant(user: user, isStaff: true), course) }
        guard user.role == .student, try store.enrollment(userID: user.id, course: course.slug) != nil else {
            throw HTTPError(403, "only the learners and instructors of '\(course.slug)' take part in its discussion")
        }
        return (Participant(user: user, isStaff: false), course)
    }

    /// 404 `discussion_off` when the course has no discussion.
    static func requireDiscussion(_ course: Course) throws(HTTPError) {
        guard course.discussion != .off else { throw HTTPError(404, "course '\(course.slug)' has no discussion", code: "discussion_off") }
    }

    /// Whether a participant may read a post: the staff every post, others the published ones and their own.
    static func canRead(_ post: Post, _ participant: Participant) -> Bool {
        participant.isStaff || post.state == .published || post.userId == participant.user.id
    }

    /// The state a new or edited post starts in: a learner's waits for an instructor in a moderated course.
    static func initialState(in course: Course, _ participant: Participant) -> Post.State {
        course.discussion == .moderated && !participant.isStaff ? .pending : .published
    }

    /// 429 when a learner has posted `postsPerWindow` times in the last `rateWindow` seconds (staff are not limited).
    func checkRate(_ participant: Participant) throws {
        guard !participant.isStaff else { return }
        let recent = try store.postCount(userID: participant.user.id, since: Clock.now - Self.rateWindow)
        guard recent < Self.postsPerWindow else {
            throw HTTPError(429, "at most \(Self.postsPerWindow) posts in \(Self.rateWindow / 60) minutes; wait a little",
                            headers: [("Retry-After", String(Self.rateWindow))], code: "posting_too_often")
        }
    }

    /// 403 unless the participant wrote the post and is still within the edit window.
    static func checkAuthorWindow(_ post: Post, _ participant: Participant) throws(HTTPError) {
        guard post.userId == participant.user.id else { throw HTTPError(403, "only its author edits a post") }
        guard Clock.now - post.createdAt <= editWindow else {
            throw HTTPError(403, "a post can be changed for \(editWindow / 60) minutes after it is written", code: "edit_window_over")
        }
    }

    /// A topic's title: 1 to `TextBounds.postTitle` characters, one line.
    static func checkTitle(_ title: String) throws(HTTPError) {
        guard !title.allSatisfy(\.isWhitespace) else { throw .invalid("title must not be empty", field: "title") }
        guard title.unicodeScalars.count <= TextBounds.postTitle else { throw .invalid("title must be at most \(TextBounds.postTitle) characters", field: "title") }
        guard !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("title must be one line without control characters", field: "title")
        }
    }

    /// A post's Markdown: 1 to `TextBounds.post` characters.
    static func checkBody(_ body: String) throws(HTTPError) {
        guard !body.allSatisfy(\.isWhitespace) else { throw .invalid("body must not be empty", field: "body") }
        guard body.unicodeScalars.count <= TextBounds.post else { throw .invalid("body must be at most \(TextBounds.post) characters", field: "body") }
    }

    /// The post with its HTML: the safe Markdown subset (no raw HTML, images as their alt text, links
    /// `rel="nofollow noopener"`). Rendered on read, so a safer renderer covers old posts too: measured at
    /// 0.25 ms for a 360-byte post in a debug build on a busy machine (`renderingAPostOnReadIsCheap`), so a
    /// page of 100 topics costs at most some 25 ms; store the HTML beside the source if pages grow.
    static func rendered(_ post: Post) -> Post {
        var post = post
        post.html = MarkdownDocument(post.body).renderPostHTML()
        return post
    }
}
