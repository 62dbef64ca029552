import Foundation

/// A course as loaded from its folder: immutable, `Sendable`, ready for renderers.
public struct Course: Sendable, Equatable {
    /// The stable id progress, SCORM data and server records key on.
    public var id: String
    /// The URL segment of the course in built sites.
    public var slug: String
    public var title: String
    public var code: String?
    /// Markdown.
    public var description: String?
    public var shortDescription: String?
    public var level: Level?
    public var category: String?
    public var tags: [String]
    /// IANA time zone (`Europe/Madrid`) assignment due dates are in; the server's own zone when nil.
    public var timeZone: String?
    /// BCP 47 tag, `en` by default.
    public var language: String
    public var theme: String?
    public var instructors: [Instructor]
    public var learningOutcomes: [String]
    public var prerequisites: [String]
    /// Course-relative path of the thumbnail image.
    public var thumbnail: String?
    public var estimatedDurationMinutes: Int?
    public var license: String?
    public var version: String?
    public var completion: CompletionRule
    public var certificate: CertificateRule?
    public var faqs: [FAQ]
    public var resources: [Resource]
    public var modules: [Module]
    /// `draft: true`: left out of builds, packages and the served catalog unless drafts are asked for.
    public var isDraft = false
    /// The hosted SCORM package this course stands for (`Course.hostedPackage`); nil for authored courses.
    public var scormPackage: Int?
    /// `visibility: enrolled`: a served site shows the course's pages, beyond its home, only to enrolled
    /// learners and the course's staff. Static sites and packages cannot enforce it.
    public var visibility = Visibility.everyone
    /// `discussion: open | moderated`: a served site's lessons and course home have a discussion;
    /// `moderated` holds learners' posts until an instructor approves them. Off unless asked for, because
    /// someone must watch what children write. Static sites and packages have no discussions.
    public var discussion = Discussion.off
    /// Every course-relative media path the course references (images, audio, video, files), sorted:
    /// what a renderer copies, and nothing else.
    public var mediaFiles: [String]
    /// Lesson and quiz ids by course-relative file path, for resolving `.md` links.
    var itemIDsByPath: [String: String] = [:]

    public enum Visibility: String, Sendable, CaseIterable {
        case everyone = "public", enrolled
    }

    public enum Discussion: String, Sendable, CaseIterable {
        case off, open, moderated
    }

    public enum Level: String, Sendable, CaseIterable {
        case beginner, intermediate, advanced
    }
}

extension Course {
    /// Every lesson in course order.
    public var lessons: [Lesson] { modules.flatMap(\.lessons) }
    /// Every quiz in course order.
    public var quizzes: [Quiz] { modules.flatMap(\.quizzes) }
    /// Every assignment in course order.
    public var assignments: [Assignment] { modules.flatMap(\.assignments) }

    /// The zone assignment due dates are read in: the course's `timezone`, else this machine's.
    public var dueDateZone: TimeZone { timeZone.flatMap(TimeZone.init(identifier:)) ?? .current }

    /// The author's estimate, else the sum of the lessons' durations.
    public var durationMinutes: Int {
        estimatedDurationMinutes ?? lessons.reduce(0) { $0 + ($1.durationMinutes ?? 0) }
    }
}
