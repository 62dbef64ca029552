import CourseModel
import Crypto
import Foundation
import Utilities
import WebClient

/// `lectern serve --lrs URL`: sends the kiosk's learning records to an xAPI record store whenever it can
/// be reached. Statements are made from the records into a queue in the database (`xapi_outbox`) and
/// leave it only when the store took them, so a restart, a crash or a week offline loses none. Ids come
/// from the events and a queued statement keeps its first body, so a statement sent again is the same
/// statement, which a record store keeps once.
public final class XAPIForwarder: Sendable {
    let store: Store
    /// `https://lrs.example/xapi/` (the statements resource is `statements` under it).
    let endpoint: String
    let authorization: String?
    let statements: @Sendable () -> XAPIStatements
    let log: @Sendable (String) -> Void
    private let state = Locked<(scannedUpTo: Int, failures: Int, lastProblem: String?)>((0, 0, nil))
    static let batch = 50
    /// Events are read again from a little before the last scan: a record written just as it ran.
    static let overlapSeconds = 120

    /// - Parameters:
    ///   - credentials: `key:secret` for HTTP Basic authentication, as record stores expect; nil for none.
    ///   - statements: the statement maker for the courses served now (they change on a reload).
    public init(store: Store, endpoint: String, credentials: String?, statements: @escaping @Sendable () -> XAPIStatements,
                log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.endpoint = endpoint.hasSuffix("/") ? endpoint : endpoint + "/"
        authorization = credentials.map { "Basic " + Data($0.utf8).base64EncodedString() }
        self.statements = statements
        self.log = log
    }

    /// Queues the statements of records made since the last look, then sends what is due; returns how many were sent.
    @discardableResult
    public func runOnce(now: Int = Int(Date().timeIntervalSince1970)) throws -> Int {
        let since = state.withLock { $0.scannedUpTo }
        let made = statements().statements(for: try store.learningEvents(since: max(0, since - Self.overlapSeconds)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.enqueue(made.map { ($0.id, String(decoding: (try? encoder.encode($0)) ?? Data(), as: UTF8.self)) }, at: now)
        state.withLock { $0.scannedUpTo = now }
        var sent = 0
        while true {
            let due = try store.dueStatements(limit: Self.batch, now: now)
            guard !due.isEmpty else { return sent }
            guard try send(due, now: now) else { return sent }
            sent += due.count
        }
    }

    /// Sends one batch; false when the store could not take it (the batch waits for its retry time).
    private func send(_ due: [(id: String, body: String)], now: Int) throws -> Bool {
        let body = Array(("[" + due.map(\.body).joined(separator: ",") + "]").utf8)
        var headers = [("Content-Type", "application/json"), ("X-Experience-API-Version", "1.0.3")]
        if let authorization { headers.append(("Authorization", authorization)) }
        let problem: String
        do {
            let answer = try WebClient.send("POST", endpoint + "statements", headers: headers, body: body)
            if (200..<300).contains(answer.status) {
                try store.markSent(due.map(\.id), at: now)
                let recovered = state.withLock { state in
                    defer { state.failures = 0; state.lastProblem = nil }
                    return state.failures > 0
                }
                if recovered { log("lectern serve: the record store \(endpoint) takes statements again") }
                return true
            }
            let text = String(decoding: answer.body.prefix(300), as: UTF8.self)
            // A statement the store refuses for what it is (not for the store's state) would block the queue:
            // sent alone, the good ones go, and the refused one waits a day with its reason noted.
            if [400, 409, 413, 422].contains(answer.status), due.count > 1 {
                for one in due { _ = try send([one], now: now) }
                return true
            }
            if [400, 409, 422].contains(answer.status) {
                try store.markFailed(due.map(\.id), error: "\(answer.status): \(text)", retryAt: now + 86_400)
                log("lectern serve: the record store refused statement \(due[0].id): \(answer.status) \(text)")
                return true
            }
            problem = "\(answer.status): \(text)"
        } catch {
            problem = "\(error)"
        }
        let failures = state.withLock { state in
            state.failures += 1
            return state.failures
        }
        // 5 s, 10 s, 20 s … up to an hour between tries while the store is away.
        let wait = min(3600, 5 << min(failures - 1, 10))
        try store.markFailed(due.map(\.id), error: problem, retryAt: now + wait)
        let changed = state.withLock { state in
            defer { state.lastProblem = problem }
            return state.lastProblem != problem
        }
        if changed { log("lectern serve: cannot forward statements to \(endpoint) (\(problem)); trying again in \(wait) s, nothing is lost") }
        return false
    }

    /// Runs `runOnce` every `seconds` on a thread of its own until `stopped` says so.
    public func start(every seconds: Double = 5, stopped: @escaping @Sendable () -> Bool) {
        Thread { [self] in
            while !stopped() {
                do { try runOnce() } catch { log("lectern serve: forwarding statements: \(error)") }
                var waited = 0.0
                while waited < seconds, !stopped() {
                    usleep(100_000)
                    waited += 0.1
                }
            }
        }.start()
    }
}
