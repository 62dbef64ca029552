import CourseModel
import Crypto

/// The learning rules routes share, so no route builds another to reach them: who may study a course,
/// enrolling, completing a lesson, where a learner stands, and issuing the certificate once it is earned.
public struct Learning: Sendable {
    let store: any Storage

    init(store: any Storage) {
        self.store = store
    }

    /// The learning rules over this database, for the command line.
    public init(database: Store) {
        self.init(store: database)
    }

    /// - Throws: 403 `enroll in '<slug>' first` when the account is not enrolled in the course.
    func requireEnrollment(_ user: User, in course: Course) throws {
        guard try store.enrollment(userID: user.id, course: course.slug) != nil else { throw Self.notEnrolled(in: course) }
    }

    /// The answer to a learner's request about a course they are not enrolled in.
    static func notEnrolled(in course: Course) -> HTTPError {
        HTTPError(403, "enroll in '\(course.slug)' first")
    }

    /// Enrolls a student. - Throws: `StoreError.duplicate(.enrollment)` when already enrolled.
    func enroll(_ user: User, in course: Course) throws -> Enrollment {
        try store.enroll(userID: user.id, course: course.slug)
    }

    /// Records a completed lesson of a course the learner is enrolled in (the first time is kept), then
    /// issues the certificate if that earned it. - Returns: when the lesson was first completed (a Unix time).
    func complete(lesson: String, of course: Course, by user: User) throws -> Int {
        try requireEnrollment(user, in: course)
        let at = try store.completeLesson(userID: user.id, course: course.slug, lesson: lesson)
        try issueCertificateIfEarned(userID: user.id, course: course)
        return at
    }

    /// Lessons completed and quizzes passed, over all lessons and quizzes, in percent (one decimal).
    func percentage(userID: Int, course: Course) throws -> Double {
        CourseStanding(course: course, completedLessons: Set(try store.completedLessons(userID: userID, course: course.slug)),
                       bestScores: try store.bestScores(userID: userID, course: course.slug)).percent
    }

    /// Issues the certificate when the learner now meets the course's rule: every lesson completed
    /// (when required) and the average of the best scores of all quizzes at least `min_score`.
    static let codeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    func issueCertificateIfEarned(userID: Int, course: Course) throws {
        guard let rule = course.certificate, try store.certificates(userID: userID).allSatisfy({ $0.course != course.slug }) else { return }
        if rule.requireAllLessons {
            let done = Set(try store.completedLessons(userID: userID, course: course.slug))
            guard course.lessons.allSatisfy({ done.contains($0.id) }) else { return }
        }
        // Assignments with `counts_for_completion` must be graded first (whatever the points: the grade is the teacher's word).
        for assignment in course.assignments where assignment.countsForCompletion {
            guard try store.submission(course: course.slug, assignment: assignment.id, userID: userID)?.isGraded == true else { return }
        }
        let scores = try store.bestScores(userID: userID, course: course.slug)
        let average = course.quizzes.isEmpty ? 100 : course.quizzes.reduce(0) { $0 + (scores[$1.id] ?? 0) } / Double(course.quizzes.count)
        guard average >= rule.minScore, let user = try store.user(id: userID) else { return }
        // 20 letters and digits, 119 random bits: a code cannot be guessed, and it never starts with
        // "-" (which spreadsheets read as a formula, so CSV exports would have to quote it).
        _ = try store.issueCertificate(userID: userID, course: course.slug, code: SecureRandom.string(20, from: Learning.codeAlphabet),
                                       learner: user.name.isEmpty ? user.username : user.name, courseTitle: course.title,
                                       minutes: course.durationMinutes)
    }
}
