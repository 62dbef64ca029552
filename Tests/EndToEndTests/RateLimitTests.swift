// General API rate limits: per client address and per signed-in account, 429 with Retry-After.
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func eachAccountHasItsOwnRequestBudget(_ store: StoreKind) throws {
    // 20 a minute per account: 10 at once, then one every 3 seconds.
    let (server, _) = try startServer(store: store, options: ["--account-rate-limit", "20"])
    let first = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "busy")["access_token"] as? String))"]
    let second = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "calm")["access_token"] as? String))"]
    for _ in 0..<10 { #expect(try server.request("GET", "/api/v1/users/me", headers: first).status == 200) }
    let refused = try server.request("GET", "/api/v1/users/me", headers: first)
    #expect(refused.status == 429 && (refused.json["detail"] as? String)?.contains("this account") == true, "\(refused.text)")
    #expect(Int(refused.headers["Retry-After"] as? String ?? "") ?? 0 >= 1)
    // Another learner at the same kiosk address is not held back, nor are the probes.
    #expect(try server.request("GET", "/api/v1/users/me", headers: second).status == 200)
    #expect(try server.request("GET", "/api/v1/health", headers: first).status == 200)
}

@Test(arguments: StoreKind.tested) func eachAddressHasItsOwnRequestBudget(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store, options: ["--rate-limit", "10"])
    // The database folder lives as long as the test: /api/v1/ready reports database files removed under it.
    defer { withExtendedLifetime(data) {} }
    for _ in 0..<5 { #expect(try server.request("GET", "/api/v1/courses").status == 200) }
    let refused = try server.request("GET", "/api/v1/courses")
    #expect(refused.status == 429 && (refused.json["detail"] as? String)?.contains("this address") == true, "\(refused.text)")
    #expect(Int(refused.headers["Retry-After"] as? String ?? "") ?? 0 >= 1)
    // The probes and the site's pages are not API calls the limit counts.
    #expect(try server.request("GET", "/api/v1/ready").status == 200)
    #expect(try server.get("/python-foundations/index.html").status == 200)
    // A trailing slash makes no difference, here as for routes.
    for _ in 0..<3 { #expect(try server.request("GET", "/api/v1/health/").status == 200) }
    #expect(try server.get("/api/docs/").status == 200)

    let bad = try runLectern("serve", sampleCourse("python-foundations").path, "--rate-limit", "lots")
    #expect(bad.exitCode == 64 && bad.stderr.contains("--rate-limit must be a number"))
    let forever = try runLectern("serve", sampleCourse("python-foundations").path, "--keep-activity-days", "0")
    #expect(forever.exitCode == 64 && forever.stderr.contains("--keep-activity-days must be a number"))
}
