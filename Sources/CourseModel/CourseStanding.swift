/// Where one learner stands in a course, by the one rule the site (progress.js `standing`), SCORM
/// packages and the server share, checked against Tests/SharedCases/progress.json on every side:
/// a lesson counts once viewed, a quiz once its best score reaches its pass mark; the percentage counts
/// both over all lessons and quizzes (one decimal, 100 when there are none); the course is complete
/// when its `completion` rule is met.
public struct CourseStanding: Sendable, Equatable {
    public var lessonsCompleted: Int
    public var quizzesAttempted: Int
    public var quizzesPassed: Int
    public var percent: Double
    public var completed: Bool

    public init(lessons: [String], quizzes: [(id: String, passScore: Double)], require: CompletionRule.Requirement,
                completedLessons: Set<String>, bestScores: [String: Double]) {
        lessonsCompleted = lessons.filter { completedLessons.contains($0) }.count
        quizzesAttempted = quizzes.filter { bestScores[$0.id] != nil }.count
        quizzesPassed = quizzes.filter { (bestScores[$0.id] ?? -1) >= $0.passScore }.count
        percent = Self.percent(lessonsCompleted + quizzesPassed, of: lessons.count + quizzes.count)
        let lessonsMet = lessonsCompleted == lessons.count, quizzesMet = quizzesPassed == quizzes.count
        completed = switch require {
        case .lessons: lessonsMet
        case .quizzes: quizzesMet
        case .all: lessonsMet && quizzesMet
        }
    }

    public init(course: Course, completedLessons: Set<String>, bestScores: [String: Double]) {
        self.init(lessons: course.lessons.map(\.id), quizzes: course.quizzes.map { ($0.id, $0.passScore) },
                  require: course.completion.require, completedLessons: completedLessons, bestScores: bestScores)
    }

    /// `part / whole` in percent, one decimal, rounded half up; 100 when there is nothing to do.
    public static func percent(_ part: Int, of whole: Int) -> Double {
        whole > 0 ? (Double(part * 1000) / Double(whole)).rounded() / 10 : 100
    }
}
