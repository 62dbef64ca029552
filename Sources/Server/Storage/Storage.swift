/// What the server needs from a database, in domain terms: no SQL, connections or rows cross it.
/// `Store` implements it once for SQLite and PostgreSQL alike (its SQL runs over `Database`); a store
/// that is not SQL at all would implement these protocols beside it.
/// Refusals are `StoreError`s; anything else a database throws is answered as an internal error.
protocol Storage: AccountStorage, LearningStorage, ReviewStorage, ReportStorage, Sendable {
    /// Why the database cannot take traffic now (unreachable, damaged, disk full), or nil when ready
    /// (`GET /api/v1/ready`).
    var readinessProblem: String? { get }
}
