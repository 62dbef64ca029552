import CourseModel

/// One course's gradebook: for each enrolled learner, the lessons done, each quiz's best score and
/// attempts, the instructor's grade and the certificate, as a teacher copies them into a school's records.
/// Built from the same `LearningRecords` as the course analytics, so a filter that narrows the learners
/// (a class) narrows both alike.
struct Gradebook: Encodable, Sendable {
    struct QuizColumn: Encodable, Sendable { var id: String; var title: String; var passScore: Double }

    struct QuizCell: Encodable, Sendable {
        /// The best submitted score, nil before any submission.
        var bestScore: Double?
        var attempts: Int
        var passed: Bool
    }

    struct AssignmentColumn: Encodable, Sendable { var id: String; var title: String; var points: Double }

    struct AssignmentCell: Encodable, Sendable {
        var submitted: Bool
        var late: Bool
        /// The points given, nil until graded.
        var points: Double?
    }

    struct CertificateCell: Encodable, Sendable {
        var code: String
        @Timestamp var issuedAt: Int
        var revoked: Bool
    }

    struct Row: Encodable, Sendable {
        var id: Int, username: String, name: String
        var lessonsCompleted: Int
        /// Lessons and passed quizzes over all of them, as everywhere else in Lectern.
        var percent: Double
        var completed: Bool
        /// Keyed by quiz id; every quiz of the course is present.
        var quizzes: [String: QuizCell]
        /// Keyed by assignment id; every assignment of the course is present.
        var assignments: [String: AssignmentCell]
        var grade: String?
        var feedback: String?
        var certificate: CertificateCell?
    }

    var course: String, title: String
    var lessonsTotal: Int
    var quizzes: [QuizColumn]
    var assignments: [AssignmentColumn]
    var learners: [Row]

    init(course: Course, records: LearningRecords, grades: [Int: GradeEntry], certificates: [Int: Certificate],
         submissions: [Submission] = []) {
        self.course = course.slug
        title = course.title
        lessonsTotal = course.lessons.count
        quizzes = course.quizzes.map { QuizColumn(id: $0.id, title: $0.title, passScore: $0.passScore) }
        assignments = course.assignments.map { AssignmentColumn(id: $0.id, title: $0.title, points: $0.points) }
        var handedIn: [Int: [String: Submission]] = [:]
        for submission in submissions { handedIn[submission.userId, default: [:]][submission.assignment] = submission }
        let lessonIDs = Set(course.lessons.map(\.id))
        var done: [Int: Set<String>] = [:]
        for completion in records.completions where lessonIDs.contains(completion.lesson) {
            done[completion.userID, default: []].insert(completion.lesson)
        }
        var best: [Int: [String: Double]] = [:]
        var attempts: [Int: [String: Int]] = [:]
        for submission in records.submissions {
            best[submission.userID, default: [:]][submission.quiz] = max(best[submission.userID]?[submission.quiz] ?? 0, submission.score)
            attempts[submission.userID, default: [:]][submission.quiz, default: 0] += 1
        }
        learners = records.learners.map { learner in
            let scores = best[learner.id] ?? [:]
            let standing = CourseStanding(course: course, completedLessons: done[learner.id] ?? [], bestScores: scores)
            var cells: [String: QuizCell] = [:]
            for quiz in course.quizzes {
                let score = scores[quiz.id]
                cells[quiz.id] = QuizCell(bestScore: score, attempts: attempts[learner.id]?[quiz.id] ?? 0, passed: (score ?? -1) >= quiz.passScore)
            }
            var work: [String: AssignmentCell] = [:]
            for assignment in course.assignments {
                let submission = handedIn[learner.id]?[assignment.id]
                work[assignment.id] = AssignmentCell(submitted: submission != nil, late: submission?.late ?? false, points: submission?.points)
            }
            let grade = grades[learner.id]
            return Row(id: learner.id, username: learner.username, name: learner.name, lessonsCompleted: standing.lessonsCompleted,
                       percent: standing.percent, completed: standing.completed, quizzes: cells, assignments: work,
                       grade: grade?.grade, feedback: grade?.feedback,
                       certificate: certificates[learner.id].map { CertificateCell(code: $0.code, issuedAt: $0.issuedAt, revoked: $0.revoked) })
        }
    }

    /// The CSV's header: fixed columns, then a best-score and an attempts column per quiz, a points
    /// column per assignment (empty until graded).
    var csvHeader: [String] {
        ["student_id", "username", "name", "lessons_completed", "lessons_total", "percent", "completed"]
            + quizzes.flatMap { ["\($0.id)_best", "\($0.id)_attempts"] } + assignments.map { "\($0.id)_points" } + ["grade", "feedback", "certificate_code", "certificate_status"]
    }
}
