import CourseModel

/// What a course's instructors see: who enrolled and is active, who completed, how quizzes and their
/// questions went, and where learners stop.
struct CourseAnalytics: Encodable, Sendable {
    struct LessonReport: Encodable, Sendable {
        var id: String, title: String, module: String
        /// Enrolled learners who completed this lesson.
        var completed: Int
        var percent: Double
        /// Learners who completed the lesson before this one but not this one (for the first: enrolled, not completed).
        var dropOff: Int
    }

    struct QuestionReport: Encodable, Sendable {
        var id: String, type: String, prompt: String
        /// First attempts that answered it (one per learner).
        var responses: Int
        var percentCorrect: Double?
        /// Correlation of getting this question right with the score on the quiz's other questions
        /// (first attempts): near 0 or negative means it does not separate stronger from weaker learners.
        var discrimination: Double?
    }

    struct QuizReport: Encodable, Sendable {
        var id: String, title: String, passScore: Double
        var attempts: Int
        var learners: Int
        var averageBestScore: Double?
        var passRate: Double?
        /// Learners' best scores in ten bands of 10 points.
        var distribution: [Int]
        var questions: [QuestionReport]
    }

    struct AssignmentReport: Encodable, Sendable {
        var id: String, title: String, points: Double
        /// Enrolled learners who handed something in, of them late, and graded.
        var submitted: Int, late: Int, graded: Int
        /// The mean of the points given, nil before any grade.
        var averagePoints: Double?
    }

    struct LearnerReport: Encodable, Sendable {
        var id: Int, username: String, name: String, email: String
        @Timestamp var enrolledAt: Int
        var lessonsCompleted: Int
        var percent: Double
        var completed: Bool
        @OptionalTimestamp var lastActive: Int?
        var bestScores: [String: Double]
        /// The instructor's grade, once given.
        var grade: String?
    }

    var course: String, title: String
    var windowDays: Int
    var enrollments: Int
    /// Learners who completed a lesson or submitted a quiz in the window.
    var activeLearners: Int
    /// Learners who meet the course's completion rule.
    var completedLearners: Int
    var completionRate: Double
    /// The mean of learners' best scores over every quiz they attempted.
    var averageScore: Double?
    var scoreDistribution: [Int]
    var lessons: [LessonReport]
    var quizzes: [QuizReport]
    var assignments: [AssignmentReport]
    var learners: [LearnerReport]

    /// - Parameter grades: instructors' grades by learner id (left out of the server-wide report).
    init(course: Course, records: LearningRecords, since: Int, windowDays: Int, grades: [Int: String] = [:],
         handedIn: [Submission] = []) {
        self.course = course.slug
        title = course.title
        self.windowDays = windowDays
        let enrolled = Set(records.learners.map(\.id))
        let work = Dictionary(grouping: handedIn.filter { enrolled.contains($0.userId) }, by: \.assignment)
        assignments = course.assignments.map { assignment in
            let all = work[assignment.id] ?? []
            let points = all.compactMap(\.points)
            return AssignmentReport(id: assignment.id, title: assignment.title, points: assignment.points, submitted: all.count,
                                    late: all.filter(\.late).count, graded: points.count,
                                    averagePoints: Statistics.mean(points).map { Statistics.rounded($0) })
        }
        let completions = records.completions.filter { enrolled.contains($0.userID) }
        let submissions = records.submissions.filter { enrolled.contains($0.userID) }
        enrollments = enrolled.count

        var done: [Int: Set<String>] = [:]
        var lastActive: [Int: Int] = [:]
        for completion in completions {
            done[completion.userID, default: []].insert(completion.lesson)
            lastActive[completion.userID] = max(lastActive[completion.userID] ?? 0, completion.at)
        }
        var best: [Int: [String: Double]] = [:]
        for submission in submissions {
            best[submission.userID, default: [:]][submission.quiz] = max(best[submission.userID]?[submission.quiz] ?? 0, submission.score)
            lastActive[submission.userID] = max(lastActive[submission.userID] ?? 0, submission.at)
        }
        activeLearners = lastActive.values.filter { $0 >= since }.count

        learners = records.learners.map { learner in
            let scores = best[learner.id] ?? [:]
            let standing = CourseStanding(course: course, completedLessons: done[learner.id] ?? [], bestScores: scores)
            return LearnerReport(id: learner.id, username: learner.username, name: learner.name, email: learner.email,
                                 enrolledAt: learner.enrolledAt, lessonsCompleted: standing.lessonsCompleted, percent: standing.percent,
                                 completed: standing.completed, lastActive: lastActive[learner.id], bestScores: scores,
                                 grade: grades[learner.id])
        }
        completedLearners = learners.filter(\.completed).count
        completionRate = Statistics.percent(completedLearners, of: enrollments)

        let allBest = best.values.flatMap(\.values)
        averageScore = Statistics.mean(allBest).map { Statistics.rounded($0) }
        scoreDistribution = Statistics.bands(allBest)

        var completers: [String: Set<Int>] = [:]
        for completion in completions { completers[completion.lesson, default: []].insert(completion.userID) }
        var lessons: [LessonReport] = []
        var before = enrolled
        for module in course.modules {
            for lesson in module.lessons {
                let done = completers[lesson.id] ?? []
                lessons.append(LessonReport(id: lesson.id, title: lesson.title, module: module.title, completed: done.count,
                                            percent: Statistics.percent(done.count, of: enrollments), dropOff: before.subtracting(done).count))
                before = done
            }
        }
        self.lessons = lessons
        let byQuiz = Dictionary(grouping: submissions, by: \.quiz)
        quizzes = course.quizzes.map { Self.report(quiz: $0, submissions: byQuiz[$0.id] ?? []) }
    }

    private static func report(quiz: Quiz, submissions: [LearningRecords.Submission]) -> QuizReport {
        var best: [Int: Double] = [:]
        var first: [Int: LearningRecords.Submission] = [:]
        for submission in submissions {
            best[submission.userID] = max(best[submission.userID] ?? 0, submission.score)
            if first[submission.userID] == nil { first[submission.userID] = submission }
        }
        let bestScores = Array(best.values)
        // Item analysis uses each learner's first attempt: later ones have seen the feedback.
        let graded = first.values.sorted { $0.userID < $1.userID }.compactMap(\.correct)
        let earned = graded.map { correct in quiz.questions.reduce(0) { $0 + (correct.contains($1.id) ? $1.points : 0) } }
        let questions = quiz.questions.map { question -> QuestionReport in
            let right = graded.map { $0.contains(question.id) ? 1.0 : 0.0 }
            // The rest of the quiz: what the learner earned on the other questions.
            let rest = zip(earned, right).map { $0 - $1 * question.points }
            return QuestionReport(id: question.id, type: question.kind.rawValue, prompt: question.prompt, responses: graded.count,
                                  percentCorrect: graded.isEmpty ? nil : Statistics.percent(Int(right.reduce(0, +)), of: graded.count),
                                  discrimination: Statistics.correlation(right, rest).map { Statistics.rounded($0, places: 2) })
        }
        return QuizReport(id: quiz.id, title: quiz.title, passScore: quiz.passScore, attempts: submissions.count, learners: best.count,
                          averageBestScore: Statistics.mean(bestScores).map { Statistics.rounded($0) },
                          passRate: bestScores.isEmpty ? nil : Statistics.percent(bestScores.filter { $0 >= quiz.passScore }.count, of: bestScores.count),
                          distribution: Statistics.bands(bestScores), questions: questions)
    }
}
