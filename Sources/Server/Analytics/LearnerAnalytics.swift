import CourseModel
import Foundation

/// What a learner sees of their own learning: each enrolled course's progress, quiz results,
/// certificate and grade, and their activity day by day.
struct LearnerAnalytics: Encodable, Sendable {
    struct QuizResult: Encodable, Sendable {
        var id: String, title: String, attempts: Int, bestScore: Double?, passScore: Double, passed: Bool
    }

    struct CertificateSummary: Encodable, Sendable { var id: Int, code: String; @Timestamp var issuedAt: Int; var revoked: Bool }

    struct CourseReport: Encodable, Sendable {
        var course: String, title: String
        @Timestamp var enrolledAt: Int
        var lessonsCompleted: Int, lessonsTotal: Int
        var percent: Double
        var averageBestScore: Double?
        var quizzes: [QuizResult]
        var certificate: CertificateSummary?
        var grade: String?
        @OptionalTimestamp var lastActive: Int?
    }

    var windowDays: Int
    var courses: [CourseReport]
    var lessonsCompleted: Int
    var quizzesPassed: Int
    var certificates: Int
    var activity: [ActivityDay]

    init(enrollments: [(Enrollment, Course)], records: LearningRecords, certificates: [Certificate], grades: [String: String],
         since: Int, now: Int, windowDays: Int) {
        self.windowDays = windowDays
        courses = enrollments.map { enrollment, course in
            let completions = records.completions.filter { $0.course == course.slug }
            let done = Set(completions.map(\.lesson))
            let submissions = records.submissions.filter { $0.course == course.slug }
            let quizzes = course.quizzes.map { quiz in
                let mine = submissions.filter { $0.quiz == quiz.id }
                let best = mine.map(\.score).max()
                return QuizResult(id: quiz.id, title: quiz.title, attempts: mine.count, bestScore: best, passScore: quiz.passScore,
                                  passed: (best ?? -1) >= quiz.passScore)
            }
            let activity = completions.map(\.at) + submissions.map(\.at)
            let certificate = certificates.first { $0.course == course.slug }
            let standing = CourseStanding(course: course, completedLessons: done,
                                          bestScores: quizzes.reduce(into: [:]) { scores, quiz in scores[quiz.id] = quiz.bestScore })
            return CourseReport(course: course.slug, title: course.title, enrolledAt: enrollment.enrolledAt,
                                lessonsCompleted: standing.lessonsCompleted, lessonsTotal: course.lessons.count, percent: standing.percent,
                                averageBestScore: Statistics.mean(quizzes.compactMap(\.bestScore)).map { Statistics.rounded($0) },
                                quizzes: quizzes,
                                certificate: certificate.map { CertificateSummary(id: $0.id, code: $0.code, issuedAt: $0.issuedAt, revoked: $0.revoked) },
                                grade: grades[course.slug], lastActive: activity.max())
        }
        lessonsCompleted = courses.reduce(0) { $0 + $1.lessonsCompleted }
        quizzesPassed = courses.reduce(0) { $0 + $1.quizzes.filter(\.passed).count }
        self.certificates = certificates.filter { !$0.revoked }.count
        var days: [Int: ActivityDay] = [:]
        for completion in records.completions where completion.at >= since { days[completion.at / 86400, default: .init(completion.at / 86400)].lessonCompletions += 1 }
        for submission in records.submissions where submission.at >= since { days[submission.at / 86400, default: .init(submission.at / 86400)].attemptsSubmitted += 1 }
        activity = ActivityDay.range(from: since / 86400, to: now / 86400).map { days[$0] ?? ActivityDay($0) }
    }
}

/// One day's counts, for the activity charts.
struct ActivityDay: Encodable, Sendable {
    /// YYYY-MM-DD, UTC.
    var date: String
    var lessonCompletions = 0
    var attemptsSubmitted = 0
    var logins: Int?
    var registrations: Int?

    init(_ day: Int) {
        date = Date(timeIntervalSince1970: TimeInterval(day) * 86400).formatted(.iso8601.year().month().day())
    }

    static func range(from first: Int, to last: Int) -> ClosedRange<Int> { first...max(first, last) }
}
