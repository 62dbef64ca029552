/// Lesson and course-home discussions: topics, replies and their moderation.
protocol DiscussionStorage: Sendable {
    func addPost(_ new: NewPost) throws -> Post
    func post(id: Int) throws -> Post?
    /// A place's topics matching `query`, one page, and how many match in all.
    func topics(matching query: TopicQuery) throws -> (items: [Post], total: Int)
    func replies(topic: Int, reader: Int?) throws -> [Post]
    func pendingPosts(course: String) throws -> [Post]
    func editPost(id: Int, title: String?, body: String?) throws -> Post?
    func moderatePost(id: Int, state: Post.State?, pinned: Bool?, locked: Bool?, replyLink: String?) throws -> Post?
    func deletePost(id: Int) throws
    func postCount(userID: Int, since: Int) throws -> Int
}
