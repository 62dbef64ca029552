// Behind a reverse proxy: the client address comes from the trusted proxy's header, so one learner's
// sign-ins and failures neither block nor lock out anyone else; without the setting, headers are ignored.
import Foundation
import LecternTesting
import Testing

private func login(_ server: LecternProcess, _ login: String, _ password: String, from client: String) throws -> Int {
    try server.request("POST", "/api/v1/auth/login", json: ["login": login, "password": password],
                       headers: ["X-Forwarded-For": client]).status
}

@Test(arguments: StoreKind.tested) func behindATrustedProxyEachClientHasItsOwnSignInLimitAndLockout(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount], options: ["--trusted-proxy", "127.0.0.1", "--sign-in-rate-limit", "8"])
    try registerAndLogin(server, "victim")
    // One client guesses: five failures lock the account for that client only.
    let guesses = try (0..<5).map { _ in try login(server, "victim", "not the password at all", from: "203.0.113.7") }
    #expect(guesses == [401, 401, 401, 401, 401])
    #expect(try login(server, "victim", studentPassword, from: "203.0.113.7") == 423)
    #expect(try login(server, "victim", studentPassword, from: "198.51.100.20") == 200)
    // The guesser has used its sign-in budget of 8 (6 above, 2 more): the next is refused; others are not.
    _ = try login(server, "nobody", "whatever password", from: "203.0.113.7")
    _ = try login(server, "nobody", "whatever password", from: "203.0.113.7")
    #expect(try login(server, "nobody", "whatever password", from: "203.0.113.7") == 429)
    #expect(try login(server, "victim", studentPassword, from: "198.51.100.21") == 200)
    // Only the hop the proxy appended counts: an address the client wrote itself further left is ignored.
    #expect(try login(server, "nobody", "whatever password", from: "198.51.100.99, 203.0.113.7") == 429)
    let forwarded = try server.request("POST", "/api/v1/auth/login", json: ["login": "nobody", "password": "whatever password"],
                                       headers: ["Forwarded": "for=\"203.0.113.7:4711\";proto=https"])
    #expect(forwarded.status == 429)

    // The activity log records the learner's address, not the proxy's.
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let log = try server.request("GET", "/api/v1/activity-log?type=account.locked", headers: admin)
    let events = log.json["items"] as? [[String: Any]] ?? []
    #expect(events.count == 1 && events.first?["address"] as? String == "203.0.113.7", "\(log.text)")
}

@Test(arguments: StoreKind.tested) func withoutATrustedProxyForwardingHeadersAreIgnored(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, options: ["--sign-in-rate-limit", "3"])
    let statuses = try ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"].map { try login(server, "nobody", "whatever password", from: $0) }
    #expect(statuses == [401, 401, 401, 429], "every request is the socket's, whatever it claims")
}

@Test(arguments: StoreKind.tested) func theSignInLimitCanBeTurnedOff(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, options: ["--sign-in-rate-limit", "0", "--rate-limit", "0"])
    let statuses = try (0..<25).map { index in try login(server, "nobody\(index)", "whatever password", from: "203.0.113.1") }
    #expect(statuses.allSatisfy { $0 == 401 }, "\(statuses)")

    let bad = try runLectern("serve", sampleCourse("python-foundations").path, "--trusted-proxy", "proxy.example.org")
    #expect(bad.exitCode == 64 && bad.stderr.contains("--trusted-proxy"), "\(bad.stderr)")
    let negative = try runLectern("serve", sampleCourse("python-foundations").path, "--sign-in-rate-limit", "-1")
    #expect(negative.exitCode == 64 && negative.stderr.contains("--sign-in-rate-limit must be a number"), "\(negative.stderr)")
}
