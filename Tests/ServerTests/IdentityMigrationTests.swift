// Upgrading a database written before emails and usernames were folded: rows are folded where that is
// safe, and flagged (not changed, not disabled) where the folded form is another account's or a look-alike.
import CourseModel
import Foundation
import LecternTesting
@testable import Server
import Testing

@Test(arguments: StoreKind.tested) func anOlderDatabaseIsFoldedAndItsLookAlikesFlagged(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse([
        "course/course.yaml": "title: Taught\ninstructors:\n  - {name: Kate, email: kate@example.org}\n",
        "course/01-m/01-a.md": "# A\n\nText.\n",
    ], name: "identity")
    // A schema-7 database as an older lectern left it, with spellings it let through.
    guard let old = try makeStore(kind, in: folder, name: "old") else { return }
    let path = old.path
    try old.write { db in
        // Later steps undone too (every column and table they add), so the upgrade applies them again.
        let later = "DROP TABLE scorm_cmi; DROP TABLE scorm_package; DROP TABLE submission_file; DROP TABLE submission; DROP TABLE discussion_post; DROP TABLE notification; DROP TABLE announcement; DROP TABLE class_course; DROP TABLE class_member; DROP TABLE class_instructor; DROP TABLE class; "
            + "DROP TABLE xapi_outbox; ALTER TABLE \"user\" DROP COLUMN must_change_password; DROP TABLE xapi_statement; DROP TABLE course_reload; "
        try db.execute(kind == .sqlite ? later + "ALTER TABLE user DROP COLUMN identity_conflict; PRAGMA user_version = 7;"
                                       : later + "ALTER TABLE \"user\" DROP COLUMN identity_conflict; DELETE FROM schema_version WHERE version >= 8;")
        for (id, email, username) in [(1, "Kate@Example.org", "Kate"), (2, "\u{212A}ate@example.org", "kate2"),
                                      (3, "jose@example.org", "Jose\u{301}"), (4, "admin@example.org", "\u{430}dmin")] {
            try db.execute("INSERT INTO \"user\" (id, email, username, password_hash, role, created_at) VALUES (\(id), '\(email)', '\(username)', 'x', 'instructor', 0)")
        }
    }
    old.close()

    let store = try Store(path: path)
    let users = Dictionary(uniqueKeysWithValues: try store.allUsers().map { ($0.id, $0) })
    #expect(users[1]?.email == "kate@example.org" && users[1]?.username == "kate")
    #expect(users[2]?.email == "\u{212A}ate@example.org", "the Kelvin spelling folds onto Kate's: kept as it was, and flagged")
    #expect(users[3]?.username == "jos\u{E9}")
    #expect(users[4]?.username == "\u{430}dmin")
    #expect(try store.identityConflicts() == [2: "email", 4: "look-alike"])
    #expect(users.values.filter { !$0.active }.isEmpty, "no one is locked out by the upgrade")

    // Only the real Kate teaches Kate's course; the flagged look-alike does not.
    let course = try Loader.load(folder.url.appendingPathComponent("course")).course
    #expect(Catalog.teaches(try #require(users[1]).email, course))
    #expect(!Catalog.teaches(try #require(users[2]).email, course))
    // A second start changes nothing.
    #expect(try Store(path: path).identityConflicts() == [2: "email", 4: "look-alike"])
}
