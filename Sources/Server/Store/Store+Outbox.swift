import Foundation
import SQLite

/// How the forwarding to a record store stands, for the administration page and the log.
public struct OutboxState: Sendable, Encodable, Equatable {
    public var pending: Int
    public var sent: Int
    /// Pending statements that failed at least once.
    public var retrying: Int
    public var lastError: String?
    @OptionalTimestamp public var lastSentAt: Int?
}

extension Store {
    /// Queues statements to forward; one already queued (or sent) keeps its first body, so a statement is
    /// never sent as two different ones.
    public func enqueue(_ statements: [(id: String, body: String)], at now: Int) throws {
        guard !statements.isEmpty else { return }
        try write { db in
            let insert = db.prepare("INSERT INTO xapi_outbox (id, body, enqueued_at, next_try_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
            for statement in statements {
                _ = try insert.run([.text(statement.id), .text(statement.body), .integer(Int64(now)), .integer(Int64(now))])
            }
        }
    }

    /// Up to `limit` statements due to be sent, oldest first.
    public func dueStatements(limit: Int, now: Int) throws -> [(id: String, body: String)] {
        try read { db in
            try db.prepare("SELECT id, body FROM xapi_outbox WHERE sent_at IS NULL AND next_try_at <= ? ORDER BY enqueued_at, id LIMIT ?")
                .rows([.integer(Int64(now)), .integer(Int64(limit))]) { ($0.string(0) ?? "", $0.string(1) ?? "") }
        }
    }

    public func markSent(_ ids: [String], at now: Int) throws {
        try write { db in
            let update = db.prepare("UPDATE xapi_outbox SET sent_at = ?, last_error = NULL WHERE id = ?")
            for id in ids { _ = try update.run([.integer(Int64(now)), .text(id)]) }
        }
    }

    /// Puts the statements off until `retryAt`, noting why.
    public func markFailed(_ ids: [String], error: String, retryAt: Int) throws {
        try write { db in
            let update = db.prepare("UPDATE xapi_outbox SET attempts = attempts + 1, next_try_at = ?, last_error = ? WHERE id = ?")
            for id in ids { _ = try update.run([.integer(Int64(retryAt)), .text(String(error.prefix(500))), .text(id)]) }
        }
    }

    public func outboxState() throws -> OutboxState {
        try read { db in
            try db.prepare("""
                SELECT count(*) FILTER (WHERE sent_at IS NULL), count(*) FILTER (WHERE sent_at IS NOT NULL),
                       count(*) FILTER (WHERE sent_at IS NULL AND attempts > 0), max(sent_at) FROM xapi_outbox
                """).first([]) { row in
                OutboxState(pending: row.int(0), sent: row.int(1), retrying: row.int(2), lastError: nil, lastSentAt: row.isNull(3) ? nil : row.int(3))
            }.map { state in
                var state = state
                state.lastError = try db.prepare("SELECT last_error FROM xapi_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY next_try_at DESC LIMIT 1")
                    .first([]) { $0.string(0) }.flatMap { $0 }
                return state
            } ?? OutboxState(pending: 0, sent: 0, retrying: 0, lastError: nil, lastSentAt: nil)
        }
    }
}
