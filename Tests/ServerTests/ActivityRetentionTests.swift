// The activity log forgets events older than the retention `lectern serve --keep-activity-days` sets.
import LecternTesting
@testable import Server
import Testing

@Test(arguments: StoreKind.tested) func oldActivityIsPrunedAndRecentActivityKept(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let store = try makeStore(kind, in: folder, name: "activity") else { return }
    store.record("login", userID: nil, detail: "long ago", address: "")
    try store.write { db in try db.prepare("UPDATE activity SET at = at - 400 * 86400").run() }
    store.record("login", userID: nil, detail: "today", address: "")
    #expect(try store.pruneActivity(olderThanDays: 365) == 1)
    #expect(try store.activities(userID: nil, type: nil, from: nil, to: nil, limit: 10).items.map(\.detail) == ["today"])
    #expect(try store.pruneActivity(olderThanDays: 365) == 0)
}
