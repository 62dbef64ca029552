import Foundation
import SQLite

/// A post in a lesson's (or the course home's) discussion: a topic, or a reply to one.
/// `html` is filled by the routes from `body` (rendered on read, so a safer renderer applies to old posts too).
public struct Post: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case published, pending, hidden }

    public var id: Int
    public var course: String
    /// The lesson id; missing for the course home.
    public var lesson: String?
    /// The topic a reply answers; missing for a topic.
    public var topicId: Int?
    public var userId: Int
    public var username: String
    public var name: String
    /// A topic's title; empty for a reply.
    public var title: String
    /// The Markdown the author wrote.
    public var body: String
    public var html: String = ""
    public var state: State
    public var pinned: Bool
    public var locked: Bool
    /// A topic's replies the reader may see.
    public var replies: Int?
    @Timestamp public var createdAt: Int
    @OptionalTimestamp public var editedAt: Int?
    @Timestamp public var lastActivityAt: Int
}

/// A new post as the store writes it.
struct NewPost: Sendable {
    var course: String
    var lesson: String
    var topicID: Int?
    var userID: Int
    var title: String
    var body: String
    var state: Post.State
    /// The page a reply notification leads to (the topic's lesson); nil for a topic.
    var link: String? = nil
}

/// Which topics to list: one place's (a lesson, or '' for the course home), and whose hidden or
/// pending ones besides the published (`reader`; nil: every state, for the course's staff).
struct TopicQuery: Sendable {
    var course: String
    var lesson: String
    var reader: Int?
    var limit = Int.max
    var offset = 0
}

extension Store {
    static let postColumns = """
        p.id, p.course, p.lesson, p.topic_id, p.user_id, u.username, u.name, p.title, p.body, p.state, p.pinned, p.locked,
        p.created_at, p.edited_at, p.last_activity_at
        """

    static func post(_ row: Row) -> Post {
        let lesson = row.string(2) ?? ""
        return Post(id: row.int(0), course: row.string(1) ?? "", lesson: lesson.isEmpty ? nil : lesson, topicId: row.isNull(3) ? nil : row.int(3),
                    userId: row.int(4), username: row.string(5) ?? "", name: row.string(6) ?? "", title: row.string(7) ?? "",
                    body: row.string(8) ?? "", state: Post.State(rawValue: row.string(9) ?? "") ?? .hidden, pinned: row.int(10) != 0,
                    locked: row.int(11) != 0, createdAt: row.int(12), editedAt: row.isNull(13) ? nil : row.int(13), lastActivityAt: row.int(14))
    }

    /// Writes a post; a published reply also moves its topic up the list.
    func addPost(_ new: NewPost) throws -> Post {
        let now = Self.now
        let id = try write { db -> Int in
            let id = try db.prepare("""
                INSERT INTO discussion_post (course, lesson, topic_id, user_id, title, body, state, created_at, last_activity_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """).first([.text(new.course), .text(new.lesson), new.topicID.map { .integer(Int64($0)) } ?? .null, .integer(Int64(new.userID)),
                            .text(new.title), .text(new.body), .text(new.state.rawValue), .integer(Int64(now)), .integer(Int64(now))]) { $0.int(0) } ?? 0
            if let topic = new.topicID, new.state == .published {
                try db.prepare("UPDATE discussion_post SET last_activity_at = ? WHERE id = ?").run([.integer(Int64(now)), .integer(Int64(topic))])
                try Self.notifyTopicAuthor(db, replyID: id, link: new.link ?? "")
            }
            return id
        }
        return try post(id: id)!
    }

    func post(id: Int) throws -> Post? {
        try read { db in
            try db.prepare("SELECT \(Self.postColumns) FROM discussion_post p JOIN \"user\" u ON u.id = p.user_id WHERE p.id = ?")
                .first([.integer(Int64(id))], Self.post)
        }
    }

    /// A place's topics, pinned first, then by latest activity, with their visible reply counts, and how many match.
    func topics(matching query: TopicQuery) throws -> (items: [Post], total: Int) {
        var visible = "1 = 1"
        var visibleValues: [SQLValue] = []
        if let reader = query.reader {
            visible = "(p.state = 'published' OR p.user_id = ?)"
            visibleValues = [.integer(Int64(reader))]
        }
        let replyVisible = query.reader == nil ? "1 = 1" : "(r.state = 'published' OR r.user_id = ?)"
        let from = "FROM discussion_post p JOIN \"user\" u ON u.id = p.user_id WHERE p.course = ? AND p.lesson = ? AND p.topic_id IS NULL AND \(visible)"
        let values: [SQLValue] = [.text(query.course), .text(query.lesson)] + visibleValues
        return try read { db in
            let total = try db.prepare("SELECT count(*) \(from)").first(values) { $0.int(0) } ?? 0
            let items = try db.prepare("""
                SELECT \(Self.postColumns), (SELECT count(*) FROM discussion_post r WHERE r.topic_id = p.id AND \(replyVisible)) \(from)
                ORDER BY p.pinned DESC, p.last_activity_at DESC, p.id DESC LIMIT ? OFFSET ?
                """).rows(visibleValues + values + [.integer(Int64(min(query.limit, Int(Int32.max)))), .integer(Int64(query.offset))]) { row in
                    var post = Self.post(row)
                    post.replies = row.int(15)
                    return post
                }
            return (items, total)
        }
    }

    /// A topic's replies in order: the published ones and `reader`'s own (nil: all, for the staff).
    func replies(topic: Int, reader: Int?) throws -> [Post] {
        try read { db in
            if let reader {
                return try db.prepare("""
                    SELECT \(Self.postColumns) FROM discussion_post p JOIN "user" u ON u.id = p.user_id
                    WHERE p.topic_id = ? AND (p.state = 'published' OR p.user_id = ?) ORDER BY p.id
                    """).rows([.integer(Int64(topic)), .integer(Int64(reader))], Self.post)
            }
            return try db.prepare("SELECT \(Self.postColumns) FROM discussion_post p JOIN \"user\" u ON u.id = p.user_id WHERE p.topic_id = ? ORDER BY p.id")
                .rows([.integer(Int64(topic))], Self.post)
        }
    }

    /// A course's posts waiting for an instructor, oldest first.
    func pendingPosts(course: String) throws -> [Post] {
        try read { db in
            try db.prepare("""
                SELECT \(Self.postColumns) FROM discussion_post p JOIN "user" u ON u.id = p.user_id
                WHERE p.course = ? AND p.state = 'pending' ORDER BY p.id
                """).rows([.text(course)], Self.post)
        }
    }

    /// The author's new text (nil: unchanged), stamped as edited.
    func editPost(id: Int, title: String?, body: String?) throws -> Post? {
        try write { db in
            if let title { try db.prepare("UPDATE discussion_post SET title = ? WHERE id = ?").run([.text(title), .integer(Int64(id))]) }
            if let body { try db.prepare("UPDATE discussion_post SET body = ? WHERE id = ?").run([.text(body), .integer(Int64(id))]) }
            try db.prepare("UPDATE discussion_post SET edited_at = ? WHERE id = ?").run([.integer(Int64(Self.now)), .integer(Int64(id))])
        }
        return try post(id: id)
    }

    /// An instructor's moderation: state, pin and lock (nil: unchanged).
    /// - Parameter replyLink: for a pending reply approved now, the page its notification leads to.
    func moderatePost(id: Int, state: Post.State?, pinned: Bool?, locked: Bool?, replyLink: String? = nil) throws -> Post? {
        try write { db in
            if let state {
                let waiting = try db.prepare("SELECT count(*) FROM discussion_post WHERE id = ? AND state = 'pending' AND topic_id IS NOT NULL")
                    .first([.integer(Int64(id))]) { $0.int(0) } ?? 0
                try db.prepare("UPDATE discussion_post SET state = ? WHERE id = ?").run([.text(state.rawValue), .integer(Int64(id))])
                // An approved reply reaches the topic's author now, in the approval's transaction.
                if waiting > 0, state == .published { try Self.notifyTopicAuthor(db, replyID: id, link: replyLink ?? "") }
            }
            if let pinned { try db.prepare("UPDATE discussion_post SET pinned = ? WHERE id = ?").run([.integer(pinned ? 1 : 0), .integer(Int64(id))]) }
            if let locked { try db.prepare("UPDATE discussion_post SET locked = ? WHERE id = ?").run([.integer(locked ? 1 : 0), .integer(Int64(id))]) }
        }
        return try post(id: id)
    }

    /// Tells a topic's author of a published reply by someone else (`reply` in their inbox).
    static func notifyTopicAuthor(_ db: any Database, replyID: Int, link: String) throws {
        let found = try db.prepare("""
            SELECT t.user_id, t.title, t.course, r.user_id FROM discussion_post r JOIN discussion_post t ON t.id = r.topic_id WHERE r.id = ?
            """).first([.integer(Int64(replyID))]) { ($0.int(0), $0.string(1) ?? "", $0.string(2) ?? "", $0.int(3)) }
        guard let (author, title, course, replier) = found, author != replier else { return }
        try notify(db, userIDs: [author], kind: .reply, course: course, subject: title, link: link)
    }

    /// Deletes a post, and a topic's replies with it.
    func deletePost(id: Int) throws {
        try write { db in
            try db.prepare("DELETE FROM discussion_post WHERE topic_id = ?").run([.integer(Int64(id))])
            try db.prepare("DELETE FROM discussion_post WHERE id = ?").run([.integer(Int64(id))])
        }
    }

    /// How many posts an account wrote since a time: what the per-learner rate limit counts, on every instance alike.
    func postCount(userID: Int, since: Int) throws -> Int {
        try read { db in
            try db.prepare("SELECT count(*) FROM discussion_post WHERE user_id = ? AND created_at >= ?")
                .first([.integer(Int64(userID)), .integer(Int64(since))]) { $0.int(0) } ?? 0
        }
    }
}
