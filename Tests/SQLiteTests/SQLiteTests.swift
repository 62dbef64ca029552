import Foundation
import LecternTesting
import SQLite
import Testing

func temporaryDatabase() throws -> (TemporaryCourse, String) {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    return (folder, folder.url.appendingPathComponent("test.db").path)
}

let schema = Migrations([
    "CREATE TABLE user (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT)",
    "CREATE TABLE note (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES user(id), body BLOB)",
])

@Test func migrationsApplyOnceInOrder() throws {
    let (folder, path) = try temporaryDatabase()
    _ = folder
    let connection = try Connection(path: path)
    #expect(try schema.apply(to: connection) == [1, 2])
    #expect(connection.userVersion == 2)
    #expect(try schema.apply(to: Connection(path: path)) == [])
    #expect(throws: SQLiteError.self) { try Migrations([schema.steps[0]]).apply(to: connection) }
}

@Test func valuesRoundTripAndConstraintsAreErrors() throws {
    let (folder, path) = try temporaryDatabase()
    _ = folder
    let connection = try Connection(path: path)
    try schema.apply(to: connection)
    try connection.prepare("INSERT INTO user (email, name) VALUES (?, ?)").run([.text("ada@example.org"), .text("Ada Lovelace ñ")])
    let id = connection.lastInsertID
    try connection.prepare("INSERT INTO note (user_id, body) VALUES (?, ?)").run([.integer(id), .blob([0, 1, 255])])
    let rows = try connection.prepare("SELECT u.name, n.body FROM note n JOIN user u ON u.id = n.user_id").rows { ($0.string(0), $0.blob(1)) }
    #expect(rows.count == 1 && rows[0].0 == "Ada Lovelace ñ" && rows[0].1 == [0, 1, 255])
    #expect {
        try connection.prepare("INSERT INTO user (email) VALUES (?)").run([.text("ada@example.org")])
    } throws: { error in
        guard let error = error as? SQLiteError else { return false }
        return error.isConstraint && error.description.contains("UNIQUE constraint failed: user.email")
    }
    #expect(throws: SQLiteError.self) { try connection.prepare("INSERT INTO note (user_id) VALUES (?)").run([.integer(999)]) }
}

@Test func failedTransactionsLeaveNoTrace() throws {
    let (folder, path) = try temporaryDatabase()
    _ = folder
    let connection = try Connection(path: path)
    try schema.apply(to: connection)
    struct Abort: Error {}
    #expect(throws: Abort.self) {
        try connection.transaction {
            try connection.prepare("INSERT INTO user (email) VALUES (?)").run([.text("a@b.c")])
            throw Abort()
        }
    }
    #expect(try connection.prepare("SELECT count(*) FROM user").first { $0.int(0) } == 0)
    #expect(try connection.prepare("PRAGMA journal_mode").first { $0.string(0) } == "wal")
    #expect(try connection.prepare("PRAGMA foreign_keys").first { $0.int(0) } == 1)
}

@Test func onlineBackupCopiesTheDatabase() throws {
    let (folder, path) = try temporaryDatabase()
    let connection = try Connection(path: path)
    try schema.apply(to: connection)
    try connection.prepare("INSERT INTO user (email) VALUES (?)").run([.text("kept@example.org")])
    let copy = folder.url.appendingPathComponent("backup.db").path
    try connection.backup(to: copy)
    let restored = try Connection(path: copy, readOnly: true)
    #expect(try restored.prepare("SELECT email FROM user").first { $0.string(0) } == "kept@example.org")
    #expect(restored.userVersion == 2)
}

@Test func theWALIndexCounterMovesWithEveryCommitByAnyConnectionAndOnlyThen() throws {
    let (folder, path) = try temporaryDatabase()
    _ = folder
    let writer = try Connection(path: path)
    try schema.apply(to: writer)
    let reader = try Connection(path: path, readOnly: true)
    let header = try #require(WALIndexHeader(databasePath: path))
    var seen = header.counter
    // Reads, by the writer or another connection, leave it alone.
    _ = try reader.prepare("SELECT count(*) FROM user").first { $0.int(0) }
    _ = try writer.prepare("SELECT count(*) FROM user").first { $0.int(0) }
    #expect(header.counter == seen)
    // A commit by this process's writer moves it, and so does one by a connection opened later.
    try writer.prepare("INSERT INTO user (email) VALUES (?)").run([.text("one@example.org")])
    #expect(header.counter != seen)
    seen = header.counter
    let other = try Connection(path: path)
    try other.prepare("INSERT INTO user (email) VALUES (?)").run([.text("two@example.org")])
    #expect(header.counter != seen)
    seen = header.counter
    // A transaction rolled back commits nothing.
    try other.execute("BEGIN IMMEDIATE")
    try other.prepare("INSERT INTO user (email) VALUES (?)").run([.text("three@example.org")])
    try other.execute("ROLLBACK")
    #expect(header.counter == seen)
    // After a checkpoint restarts the log, the next commit still moves it.
    try writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seen = header.counter
    try writer.prepare("INSERT INTO user (email) VALUES (?)").run([.text("four@example.org")])
    #expect(header.counter != seen)
    other.close()
    // A database not in WAL mode has no index to map.
    #expect(WALIndexHeader(databasePath: path + ".none") == nil)
}
