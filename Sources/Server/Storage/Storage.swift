/// What the server needs from a database, in domain terms: no SQL, connections or rows cross it.
/// `Store` implements it once for SQLite and PostgreSQL alike (its SQL runs over `Database`); a store
/// that is not SQL at all would implement these protocols beside it.
/// Refusals are `StoreError`s; anything else a database throws is answered as an internal error.
protocol Storage: AccountStorage, LearningStorage, ReviewStorage, DiscussionStorage, ReportStorage, CourseUpdateStorage, StatementStorage,
                 ClassStorage, NotificationStorage, SubmissionStorage, ScormStorage, Sendable {
    /// Why the database cannot take traffic now (unreachable, damaged, disk full), or nil when ready
    /// (`GET /api/v1/ready`).
    var readinessProblem: String? { get }
    /// A stamp that differs whenever any of these records may have changed since it was taken (a commit
    /// here or by another process), for caching answers computed from them; nil when the database cannot
    /// tell now, and then nothing is served from a cache. A database without stamps keeps the default, nil.
    func changeStamp(of records: [Records]) -> [Int]?
}

/// Kinds of records answers are computed from, for caches that must notice every change to them.
enum Records: Sendable {
    case enrollments, completions, attempts, grades, reviews
}

extension Storage {
    func changeStamp(of records: [Records]) -> [Int]? { nil }
}

/// Course reloads asked for on any instance, and what the records name, to find orphans after a reload.
protocol CourseUpdateStorage: Sendable {
    /// Records a reload request every instance on the database acts on; returns its number.
    func requestCourseReload(by: String) throws -> Int
    func latestCourseReload() throws -> Int
    func recordedItems() throws -> [RecordedItem]
}

/// The xAPI statements the LRS endpoint keeps (`Store+XAPI`).
protocol StatementStorage: Sendable {
    func storeStatements(_ statements: [StoredStatement], stored: Int, sameContent: @Sendable (String, String) -> Bool) throws
    func statement(id: String) throws -> String?
    func statements(_ query: StatementQuery) throws -> (bodies: [String], more: Bool)
    /// The forwarding queue (`lectern serve --lrs`).
    func outboxState() throws -> OutboxState
}
