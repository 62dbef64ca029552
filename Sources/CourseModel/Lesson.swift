import Markdown

/// A Markdown lesson: its front matter settings and its body.
public struct Lesson: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Course-relative path of the `.md` file.
    public var path: String
    public var durationMinutes: Int?
    public var kind: Kind
    /// The video or audio of a media lesson.
    public var media: MediaSource?
    public var summary: String?
    public var objectives: [String]
    public var isDraft: Bool
    /// The Markdown after the front matter.
    public var body: String
    /// The file line the body starts on (starting at 1), to map body positions back to the file.
    public var bodyStartLine: Int
    /// The body's headings with their anchors, for links with `#anchor` and tables of contents.
    public var headings: [Heading]
    /// Caption and subtitle tracks found next to a local video or audio file (`talk.en.vtt`).
    public var captions: [Caption] = []
    /// A poster image found next to a local video (`talk.poster.png`), course-relative.
    public var poster: String?

    public enum Kind: String, Sendable, CaseIterable {
        case text, video, audio
    }
}

/// Where a video or audio comes from: a file in the course (course-relative path) or a URL.
public enum MediaSource: Sendable, Equatable {
    case file(String)
    case url(String)
}

/// A WebVTT track for a media lesson.
public struct Caption: Sendable, Equatable {
    /// Course-relative path of the `.vtt` file.
    public var path: String
    /// The BCP 47 tag from the file name (`talk.pt-BR.vtt` → `pt-BR`).
    public var language: String

    public init(path: String, language: String) {
        self.path = path
        self.language = language
    }
}
