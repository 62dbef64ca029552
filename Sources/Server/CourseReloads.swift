import Foundation
import Synchronization
import Utilities

/// What `lectern serve` knows of its course reloads, kept across them (each makes a new `APIServer`):
/// the reload request its courses answer, and how the last reload went, for the administration page.
public final class CourseReloads: Sendable {
    public struct Outcome: Sendable, Encodable {
        /// The reload request (0 for one the file watcher started on this instance alone).
        public var request: Int
        @Timestamp public var at: Int
        public var succeeded: Bool
        public var courses: Int
        public var seconds: Double
        /// The diagnostics the course files gave, as the log shows them.
        public var messages: [String]

        public init(request: Int, succeeded: Bool, courses: Int, seconds: Double, messages: [String]) {
            self.request = request
            at = Clock.now
            self.succeeded = succeeded
            self.courses = courses
            self.seconds = (seconds * 100).rounded() / 100
            self.messages = messages
        }
    }

    private let state = Locked<(serving: Int, last: Outcome?)>((0, nil))
    private let wake = Atomic<Bool>(false)

    public init() {}

    /// The newest reload request whose courses are served (0 when none was made).
    public var serving: Int { state.withLock { $0.serving } }
    public var last: Outcome? { state.withLock { $0.last } }

    /// Courses answering `request` are served now.
    public func serve(_ request: Int) {
        state.withLock { $0.serving = request }
    }

    /// A reload ended (served or refused): the administration page shows how.
    public func finished(_ outcome: Outcome) {
        state.withLock { $0.last = outcome }
    }

    /// The API recorded a request: the serve loop looks at the database now, not at its next poll.
    func wakeUp() { wake.store(true, ordering: .relaxed) }

    /// Whether a wake-up came since the last call.
    public func takeWakeUp() -> Bool { wake.exchange(false, ordering: .relaxed) }
}
