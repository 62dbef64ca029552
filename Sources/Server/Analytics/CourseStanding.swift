import CourseModel

/// Where one learner stands in a course, by the rules the site and SCORM packages use too: the
/// percentage counts completed lessons and passed quizzes over all of them, and the course is complete
/// when its `completion` rule is met.
struct CourseStanding: Sendable {
    var lessonsCompleted: Int
    var quizzesPassed: Int
    var percent: Double
    var completed: Bool

    init(course: Course, completedLessons: Set<String>, bestScores: [String: Double]) {
        lessonsCompleted = course.lessons.filter { completedLessons.contains($0.id) }.count
        quizzesPassed = course.quizzes.filter { (bestScores[$0.id] ?? -1) >= $0.passScore }.count
        percent = Statistics.percent(lessonsCompleted + quizzesPassed, of: course.lessons.count + course.quizzes.count)
        let lessonsMet = lessonsCompleted == course.lessons.count, quizzesMet = quizzesPassed == course.quizzes.count
        completed = switch course.completion.require {
        case .lessons: lessonsMet
        case .quizzes: quizzesMet
        case .all: lessonsMet && quizzesMet
        }
    }
}
