import Foundation
import Markdown

/// Rendered lesson bodies and pages kept between builds of the same courses, so a rebuild after one
/// lesson changes renders Markdown for that lesson only and templates only for pages whose context
/// changed. A lesson entry is reused when the lesson's text and everything its links resolve against
/// (the course's files and page paths) are unchanged; a page when its whole context hashes the same.
public final class RenderCache: @unchecked Sendable {
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
        var hasCode: Bool
        var hasMath: Bool
    }

    private let lock = NSLock()
    private var lessons: [String: (key: Key, value: Lesson)] = [:]
    /// Rendered pages by course and path, with a fingerprint of everything the page was rendered from.
    private var pages: [String: (key: Int, data: Data)] = [:]

    public init() {}

    func lesson(_ path: String, key: Key) -> Lesson? {
        lock.withLock { lessons[key.course + "/" + path].flatMap { $0.key == key ? $0.value : nil } }
    }

    func store(_ lesson: Lesson, path: String, key: Key) {
        lock.withLock { lessons[key.course + "/" + path] = (key, lesson) }
    }

    func page(_ path: String, key: Int) -> Data? {
        lock.withLock { pages[path].flatMap { $0.key == key ? $0.data : nil } }
    }

    func storePage(_ data: Data, path: String, key: Int) {
        lock.withLock { pages[path] = (key, data) }
    }
}
