/// A numbered sub-folder of the course holding lessons and quizzes in order.
public struct Module: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Markdown.
    public var description: String?
    public var isDraft: Bool
    /// Course-relative folder path, e.g. `01-basics`.
    public var path: String
    public var items: [Item]

    /// A step of the module: a lesson, a quiz or an assignment, in the order of their numeric prefixes.
    public enum Item: Sendable, Equatable {
        case lesson(Lesson)
        case quiz(Quiz)
        case assignment(Assignment)

        public var id: String {
            switch self {
            case .lesson(let lesson): lesson.id
            case .quiz(let quiz): quiz.id
            case .assignment(let assignment): assignment.id
            }
        }

        public var title: String {
            switch self {
            case .lesson(let lesson): lesson.title
            case .quiz(let quiz): quiz.title
            case .assignment(let assignment): assignment.title
            }
        }

        public var path: String {
            switch self {
            case .lesson(let lesson): lesson.path
            case .quiz(let quiz): quiz.path
            case .assignment(let assignment): assignment.path
            }
        }
    }

    public var lessons: [Lesson] {
        items.compactMap { if case .lesson(let lesson) = $0 { lesson } else { nil } }
    }

    public var quizzes: [Quiz] {
        items.compactMap { if case .quiz(let quiz) = $0 { quiz } else { nil } }
    }

    public var assignments: [Assignment] {
        items.compactMap { if case .assignment(let assignment) = $0 { assignment } else { nil } }
    }
}
