/// What the server needs from a database, in domain terms: no SQL, connections or rows cross it, so a
/// second database (PostgreSQL, later) implements these protocols beside `Store`, the SQLite one.
/// Refusals are `StoreError`s; anything else a database throws is answered as an internal error.
protocol Storage: AccountStorage, LearningStorage, ReviewStorage, ReportStorage, Sendable {
    /// Why the database cannot take traffic now (unreachable, damaged, disk full), or nil when ready
    /// (`GET /api/v1/ready`).
    var readinessProblem: String? { get }
}
