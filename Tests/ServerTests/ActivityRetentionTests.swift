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

@Test(arguments: StoreKind.tested) func notificationsOlderThanTheirRetentionAreRemovedReadOrNot(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let store = try makeStore(kind, in: folder, name: "inbox") else { return }
    let user = try store.createUser(email: "ana@example.org", username: "ana", name: "Ana", passwordHash: "x", role: .student, approved: true)
    try store.write { db in
        try Store.notify(db, userIDs: [user.id], kind: .announcement, course: "python-foundations", subject: "long ago")
        try db.prepare("UPDATE notification SET created_at = created_at - 200 * 86400").run()
        try Store.notify(db, userIDs: [user.id], kind: .announcement, course: "python-foundations", subject: "this week")
    }
    #expect(try store.pruneNotifications(olderThanDays: 180) == 1)
    let left = try store.notifications(userID: user.id, unreadOnly: false, limit: 10, offset: 0)
    #expect(left.items.map(\.subject) == ["this week"] && left.unread == 1)
    #expect(try store.pruneNotifications(olderThanDays: 180) == 0)
}
