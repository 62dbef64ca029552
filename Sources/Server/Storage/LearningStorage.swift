/// Enrollments, lesson completions, bookmarks, quiz attempts and certificates.
protocol LearningStorage: Sendable {
    /// - Throws: `StoreError.duplicate(.enrollment)`.
    func enroll(userID: Int, course: String) throws -> Enrollment
    func enrollment(id: Int) throws -> Enrollment?
    func enrollment(userID: Int, course: String) throws -> Enrollment?
    /// Enrollments of one user, or in the given courses (nil: all).
    func enrollments(userID: Int?, courses: [String]?) throws -> [Enrollment]
    func deleteEnrollment(id: Int) throws

    /// Records a completed lesson once; returns when it was first completed (a Unix time).
    func completeLesson(userID: Int, course: String, lesson: String) throws -> Int
    func completedLessons(userID: Int, course: String) throws -> [String]
    /// The best submitted score of each quiz of a course, by quiz id.
    func bestScores(userID: Int, course: String) throws -> [String: Double]
    /// Keeps the learner's place; `then` gets false, nothing written, when not enrolled in the course.
    func setBookmark(userID: Int, course: String, href: String, then: @escaping (Result<Bool, any Error>) -> Void)
    func bookmark(userID: Int, course: String) throws -> String?

    /// The learner's open attempt (`resumed`), else a new one.
    /// - Throws: `StoreError.constraint(.attemptsUsedUp)`, checked in the transaction that inserts.
    func startAttempt(userID: Int, course: String, quiz: String, maxAttempts: Int?, deadline: Int?,
                      order: [String]) throws -> (attempt: Attempt, resumed: Bool)
    func attempt(id: Int) throws -> Attempt?
    /// A learner's attempts at a quiz, oldest first.
    func attempts(userID: Int, course: String, quiz: String) throws -> [Attempt]
    /// `max_attempts` plus the extra attempts granted (nil: unlimited).
    func allowedAttempts(userID: Int, course: String, quiz: String, maxAttempts: Int?) throws -> Int?
    /// Saves the answers of an open attempt; false when it is submitted or past its deadline.
    func saveDraft(attemptID: Int, answersJSON: String) throws -> Bool
    /// Adds `count` extra attempts; the learner's extra attempts in all.
    func grantAttempts(userID: Int, course: String, quiz: String, count: Int) throws -> Int
    /// - Throws: `StoreError.constraint(.alreadySubmitted)`.
    func submitAttempt(id: Int, answersJSON: String, score: Double, passed: Bool, correct: Set<String>, at: Int) throws

    /// Issues a certificate once per learner and course; later calls return the first.
    func issueCertificate(userID: Int, course: String, code: String, learner: String, courseTitle: String, minutes: Int) throws -> Certificate
    func certificates(userID: Int) throws -> [Certificate]
    func certificate(id: Int) throws -> Certificate?
    func certificate(code: String) throws -> Certificate?
    /// Certificates matching `query`, one page, and how many match in all (for administrators).
    func certificates(matching query: CertificateQuery) throws -> (items: [CertificateEntry], total: Int)
    func revokeCertificate(id: Int) throws
}

extension LearningStorage {
    func enrollments() throws -> [Enrollment] { try enrollments(userID: nil, courses: nil) }
    func enrollments(userID: Int) throws -> [Enrollment] { try enrollments(userID: userID, courses: nil) }
    func enrollments(courses: [String]) throws -> [Enrollment] { try enrollments(userID: nil, courses: courses) }
}
