// Several stores (as several `lectern serve` instances) on one PostgreSQL database: migrations applied
// once, one token secret, and the rules SQLite's single writer kept hold under concurrency.
import Foundation
import LecternTesting
@testable import Server
import Testing

/// A fresh PostgreSQL database's URL; nil when PostgreSQL is missing and not required.
private func sharedDatabase(_ folder: TemporaryCourse) throws -> String? {
    try TestPostgres.location(.postgres, in: folder.url, name: "shared")
}

@Test func instancesStartingTogetherMigrateOnceAndShareOneSecret() async throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let url = try sharedDatabase(folder) else { return }
    let stores = try await withThrowingTaskGroup(of: Store.self) { group in
        for _ in 0..<4 { group.addTask { try Store(path: url, connections: 2) } }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    let versions = try stores[0].read { db in try db.prepare("SELECT version FROM schema_version ORDER BY version").rows([]) { $0.int(0) } }
    #expect(versions == Array(1...Schema.postgres.steps.count), "each step once")
    let secrets = try stores.map { try $0.sharedSecret() }
    #expect(Set(secrets).count == 1 && secrets[0].count == 32)
    // A token one instance signs verifies on another.
    let ana = try stores[0].createUser(email: "ana@example.org", username: "ana", name: "Ana", passwordHash: "x", role: .student, approved: true)
    let token = try TokenService(store: stores[1]).accessToken(for: ana, now: Int(Date().timeIntervalSince1970))
    #expect(try TokenService(store: stores[2]).authenticate("Bearer " + token, now: Int(Date().timeIntervalSince1970)).id == ana.id)
}

@Test func certificatesIssuedConcurrentlyByTwoInstancesAreNumberedOnce() async throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let url = try sharedDatabase(folder) else { return }
    let (first, second) = (try Store(path: url), try Store(path: url))
    let learners = try (0..<20).map { try first.createUser(email: "l\($0)@example.org", username: "l\($0)", name: "L\($0)", passwordHash: "x", role: .student, approved: true) }
    let issued = try await withThrowingTaskGroup(of: Certificate.self) { group in
        for learner in learners {
            for (index, store) in [first, second, first, second].enumerated() {
                group.addTask {
                    try store.issueCertificate(userID: learner.id, course: "python", code: "C-\(learner.id)-\(index)", learner: learner.name,
                                               courseTitle: "Python", minutes: 5)
                }
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    // Every call for a learner answers the one certificate issued first; ids are distinct across learners.
    let byLearner = Dictionary(grouping: issued, by: \.userId)
    #expect(byLearner.count == 20 && byLearner.values.allSatisfy { Set($0.map(\.id)).count == 1 && Set($0.map(\.code)).count == 1 })
    #expect(Set(issued.map(\.id)).count == 20)
    #expect(try first.systemCounts(since: 0).certificatesIssued == 20)
}

@Test func attemptsLeftHoldAcrossInstances() async throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let url = try sharedDatabase(folder) else { return }
    let (first, second) = (try Store(path: url), try Store(path: url))
    let ana = try first.createUser(email: "ana@example.org", username: "ana", name: "Ana", passwordHash: "x", role: .student, approved: true)
    // Two kiosks start the same quiz at once, over and over: one open attempt, never more than allowed.
    let outcomes = try await withThrowingTaskGroup(of: Int?.self) { group in
        for index in 0..<12 {
            let store = index.isMultiple(of: 2) ? first : second
            group.addTask {
                do {
                    let (attempt, _) = try store.startAttempt(userID: ana.id, course: "python", quiz: "q", maxAttempts: 3, deadline: nil, order: ["a"])
                    try? store.submitAttempt(id: attempt.id, answersJSON: "{}", score: 1, passed: true, correct: ["a"])
                    return attempt.id
                } catch StoreError.constraint(.attemptsUsedUp(allowed: 3)) {
                    return nil
                }
            }
        }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(Set(outcomes.compactMap { $0 }).count <= 3)
    #expect(try first.attempts(userID: ana.id, course: "python", quiz: "q").count == 3)
}

@Test func aDuplicateIsTheSameStoreErrorOnPostgreSQL() throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let url = try sharedDatabase(folder) else { return }
    let (first, second) = (try Store(path: url), try Store(path: url))
    let ana = try first.createUser(email: "ana@example.org", username: "ana", name: "Ana", passwordHash: "x", role: .student, approved: true)
    _ = try first.addReview(userID: ana.id, course: "python", rating: 5, comment: "")
    #expect(throws: StoreError.duplicate(.review)) { try second.addReview(userID: ana.id, course: "python", rating: 4, comment: "") }
    #expect(throws: StoreError.duplicate(.username)) {
        try second.createUser(email: "other@example.org", username: "ANA", name: "", passwordHash: "x", role: .student, approved: true)
    }
    #expect(try second.users(search: "AN", page: 1, pageSize: 10).total == 1, "search ignores case, as SQLite's LIKE does")
}
