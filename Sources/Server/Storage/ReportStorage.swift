/// What analytics are computed from, ratings, and the activity log.
protocol ReportStorage: Sendable {
    func records(course: String) throws -> LearningRecords
    func records(userID: Int) throws -> LearningRecords
    func systemCounts(since: Int) throws -> SystemCounts
    /// Per course counts; of one class's members when `classID` is given.
    func courseCounts(classID: Int?) throws -> [String: CourseCounts]
    /// Review counts and averages by course slug: one course's, or every course's (nil).
    func ratings(course: String?) throws -> [String: Rating]

    /// Records a security event; a failure to record never fails the request that caused it.
    func record(_ type: String, userID: Int?, detail: String, address: String)
    func activities(userID: Int?, type: String?, from: Int?, to: Int?, limit: Int, offset: Int) throws -> (items: [Activity], total: Int)
}

extension ReportStorage {
    func courseCounts() throws -> [String: CourseCounts] { try courseCounts(classID: nil) }
    func ratings() throws -> [String: Rating] { try ratings(course: nil) }

    /// An event with no detail beyond who and from where.
    func record(_ type: String, userID: Int?, address: String) {
        record(type, userID: userID, detail: "", address: address)
    }
}
