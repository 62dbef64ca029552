// Group commit: concurrent writes share a transaction, each in its own savepoint, and each is answered
// only once the transaction holding it has committed.
import Foundation
import LecternTesting
@testable import Server
import SQLite
import Synchronization
import Testing

private struct Refused: Error {}

private func storeWithTable(_ name: String) throws -> (Store, String, TemporaryCourse) {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    let path = folder.url.appendingPathComponent("\(name).db").path
    let store = try Store(path: path)
    try store.write { try $0.execute("CREATE TABLE t (v INTEGER UNIQUE)") }
    return (store, path, folder)
}

private func values(_ path: String) throws -> [Int] {
    try Connection(path: path, readOnly: true).prepare("SELECT v FROM t ORDER BY v").rows { $0.int(0) }
}

@Test func oneFailingWriteInAGroupDoesNotUndoTheOthers() throws {
    let (store, path, folder) = try storeWithTable("group")
    _ = folder
    let outcomes = Mutex<[Int: String]>([:])
    let threads = DispatchGroup()
    func insert(_ value: Int, then: @escaping @Sendable (any Database) throws -> Void = { _ in }) {
        DispatchQueue.global().async(group: threads) {
            do {
                try store.write { db in
                    try db.prepare("INSERT INTO t (v) VALUES (?)").run([.integer(Int64(value))])
                    try then(db)
                }
                outcomes.withLock { $0[value] = "ok" }
            } catch {
                outcomes.withLock { $0[value] = error is Refused ? "refused" : "failed" }
            }
        }
    }
    // Holding the connection keeps the first writer's commit in flight, so the next writers queue up as one group.
    store.lock.lock()
    insert(0)
    while !(store.commits.isCommitting && store.commits.waitingCount == 0) { usleep(1000) }
    let groupsBefore = store.commits.groups
    insert(1)
    insert(2)
    insert(3) { _ in throw Refused() }
    insert(4)
    // A constraint failure inside the group: its savepoint is rolled back, the transaction goes on.
    insert(5) { db in try db.prepare("INSERT INTO t (v) VALUES (1)").run() }
    while store.commits.waitingCount < 5 { usleep(1000) }
    store.lock.unlock()
    threads.wait()

    #expect(store.commits.groups == groupsBefore + 2)
    #expect(store.commits.lastGroupSize == 5)
    #expect(outcomes.withLock { $0 } == [0: "ok", 1: "ok", 2: "ok", 3: "refused", 4: "ok", 5: "failed"])
    #expect(try values(path) == [0, 1, 2, 4])
}

@Test func aWriteIsAnsweredOnlyOnceItsTransactionHasCommitted() throws {
    let (store, path, folder) = try storeWithTable("acknowledged")
    _ = folder
    let missing = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 16) { thread in
        for index in 0..<20 {
            let value = thread * 100 + index
            guard (try? store.write { try $0.prepare("INSERT INTO t (v) VALUES (?)").run([.integer(Int64(value))]) }) != nil else {
                missing.withLock { $0.append(value) }
                continue
            }
            // Another connection sees only committed data: an answer given before the commit would miss here.
            let seen = (try? Connection(path: path, readOnly: true).prepare("SELECT count(*) FROM t WHERE v = ?")
                .first([.integer(Int64(value))]) { $0.int(0) }) ?? 0
            if seen != 1 { missing.withLock { $0.append(value) } }
        }
    }
    #expect(missing.withLock { $0 }.isEmpty)
    #expect(try values(path).count == 320)
}

@Test func aWriteAnsweredLaterIsDurableFirstAndItsContinuationCannotDeadlockTheCommitter() throws {
    let (store, path, folder) = try storeWithTable("later")
    _ = folder
    let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<(seen: Int, inner: String)>((0, ""))
    store.writeLater({ db in try db.prepare("INSERT INTO t (v) VALUES (7)").run() }) { result in
        // Durable before the continuation runs: another connection sees the row.
        let seen = (try? values(path)) ?? []
        // A waiting write from here would wait for this very thread: it fails at once instead.
        let inner: String
        do {
            try store.write { try $0.prepare("INSERT INTO t (v) VALUES (8)").run() }
            inner = "written"
        } catch {
            inner = error is CommitGroup.WriteFromCommitter ? "refused" : "\(error)"
        }
        if case .success = result { outcome.withLock { $0 = (seen.count, inner) } }
        done.signal()
    }
    #expect(done.wait(timeout: .now() + 10) == .success)
    #expect(outcome.withLock { $0.seen } == 1 && outcome.withLock { $0.inner } == "refused")
    // The committer still takes writes afterwards.
    try store.write { try $0.prepare("INSERT INTO t (v) VALUES (9)").run() }
    #expect(try values(path) == [7, 9])
}
