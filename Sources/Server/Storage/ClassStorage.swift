/// Classes (groups of learners), their instructors, members and courses, and staff enrolling learners.
protocol ClassStorage: Sendable {
    /// The classes an instructor teaches, or every class (nil); archived ones only when asked.
    func classes(instructorID: Int?, includeArchived: Bool) throws -> [Classroom]
    func classroom(id: Int) throws -> Classroom?
    /// The members with accounts, by username.
    func members(classID: Int) throws -> [User]
    /// - Throws: `StoreError.duplicate(.className)`.
    func createClass(name: String, instructorIDs: [Int]) throws -> Classroom
    /// nil when there is no such class. - Throws: `StoreError.duplicate(.className)`.
    func updateClass(id: Int, name: String?, archived: Bool?) throws -> Classroom?
    /// Adds learners and enrolls them in the class's courses, in one transaction.
    func addMembers(classID: Int, userIDs: [Int]) throws -> (added: [Int], enrollments: [Enrollment])
    func removeMember(classID: Int, userID: Int) throws -> Bool
    /// Gives the class a course and enrolls its members, in one transaction.
    func addCourse(classID: Int, course: String) throws -> EnrollmentOutcome
    func removeCourse(classID: Int, course: String) throws -> Bool
    func addInstructor(classID: Int, userID: Int) throws -> Bool
    func removeInstructor(classID: Int, userID: Int) throws -> Bool
    /// Enrolls learners in one transaction; those enrolled already are listed, not refused.
    func enroll(userIDs: [Int], course: String) throws -> EnrollmentOutcome
    /// Ends an enrollment; false when there was none.
    func withdraw(userID: Int, course: String) throws -> Bool
}
