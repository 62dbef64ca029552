/// Learners' reviews of courses and instructors' grades.
protocol ReviewStorage: Sendable {
    /// - Throws: `StoreError.duplicate(.review)`.
    func addReview(userID: Int, course: String, rating: Int, comment: String) throws -> Review
    func review(id: Int) throws -> Review?
    /// One course's reviews, or every review (nil).
    func reviews(course: String?) throws -> [Review]
    func updateReview(id: Int, rating: Int?, comment: String?) throws -> Review?
    func deleteReview(id: Int) throws
    func setGrade(course: String, studentID: Int, grade: String, feedback: String, instructorID: Int) throws -> Grade
    func grade(course: String, studentID: Int) throws -> Grade?
    /// A course's grades of enrolled learners matching `query`, one page, and how many match in all.
    func grades(matching query: GradeQuery) throws -> (items: [GradeEntry], total: Int)
}
