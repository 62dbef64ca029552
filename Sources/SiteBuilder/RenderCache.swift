import Foundation
import Synchronization
import Markdown

/// Rendered lesson bodies and pages kept between builds of the same courses, so a rebuild after one
/// lesson changes renders Markdown for that lesson only and templates only for pages whose context
/// changed. A lesson entry is reused when the lesson's text and everything its links resolve against
/// (the course's files and page paths) are unchanged; a page when its whole context hashes the same.
public final class RenderCache: Sendable {
    struct Key: Equatable {
        var course: String
        var body: String
        var title: String
        var summary: String?
        /// A fingerprint of the course's paths: a renamed lesson changes the links of others.
        var links: Int
    }

    struct Lesson {
        var html: String
        var tableOfContents: [Heading]
        var searchWeights: [String: Int]
        /// The text under each heading, for search snippets.
        var passages: [TextSection]
        var hasCode: Bool
        var hasMath: Bool
    }

    private let lessons = Mutex<[String: (key: Key, value: Lesson)]>([:])
    /// Rendered pages by course and path, with a fingerprint of everything the page was rendered from.
    private let pages = Mutex<[String: (key: Int, data: Data)]>([:])

    public init() {}

    func lesson(_ path: String, key: Key) -> Lesson? {
        lessons.withLock { $0[key.course + "/" + path].flatMap { $0.key == key ? $0.value : nil } }
    }

    func store(_ lesson: Lesson, path: String, key: Key) {
        lessons.withLock { $0[key.course + "/" + path] = (key, lesson) }
    }

    func page(_ path: String, key: Int) -> Data? {
        pages.withLock { $0[path].flatMap { $0.key == key ? $0.data : nil } }
    }

    func storePage(_ data: Data, path: String, key: Int) {
        pages.withLock { $0[path] = (key, data) }
    }
}
