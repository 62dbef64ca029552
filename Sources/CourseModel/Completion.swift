/// What completes a course, defined once in `course.yaml` and applied the same way by the site,
/// SCORM packages and the server.
public struct CompletionRule: Sendable, Equatable {
    public enum Requirement: String, Sendable, CaseIterable {
        /// Every lesson viewed.
        case lessons
        /// Every quiz passed.
        case quizzes
        /// Both.
        case all
    }

    public var require: Requirement = .all
    /// Percent, 0–100: the default pass mark of quizzes and the course's mastery score.
    public var masteryScore: Double = 70
    /// Percent, 0–100: how much of a video lesson's video must play before the lesson counts as viewed.
    public var videoPercent: Double = 80

    public init(require: Requirement = .all, masteryScore: Double = 70, videoPercent: Double = 80) {
        self.require = require
        self.masteryScore = masteryScore
        self.videoPercent = videoPercent
    }
}

/// When a learner earns a certificate.
public struct CertificateRule: Sendable, Equatable {
    /// Percent, 0–100, compared with the average of the learner's best quiz scores.
    public var minScore: Double
    public var requireAllLessons: Bool
    /// What the certificate says instead of the server's words in the course's language: its heading, the
    /// sentence between the learner's name and the course title, and who signs it (nil: no signature line).
    public var title: String?
    public var text: String?
    public var signatory: String?

    public init(minScore: Double, requireAllLessons: Bool = true, title: String? = nil, text: String? = nil, signatory: String? = nil) {
        self.minScore = minScore
        self.requireAllLessons = requireAllLessons
        self.title = title
        self.text = text
        self.signatory = signatory
    }

    /// The longest each printed field may be, in characters: longer ones cannot fit the page's two lines.
    public static let limits: [(key: String, length: Int)] = [("title", 80), ("text", 160), ("signatory", 80)]
}
