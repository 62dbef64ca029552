// Reading the client address from a trusted proxy's Forwarded / X-Forwarded-For header.
import HTTP
import LecternTesting
@testable import Server
import Synchronization
import Testing

private func request(from peer: String, _ headers: [String: String]) -> HTTPRequest {
    HTTPRequest(method: "GET", rawPath: "/api/v1/courses", headers: headers, remoteAddress: peer)
}

@Test func theClientIsTheHopATrustedProxyAdded() throws {
    let proxies = try TrustedProxies(["10.0.0.1", "0:0:0:0:0:0:0:1"])
    #expect(proxies.client(of: request(from: "10.0.0.1", ["x-forwarded-for": "6.6.6.6, 203.0.113.7"])) == "203.0.113.7")
    #expect(proxies.client(of: request(from: "::1", ["forwarded": "for=6.6.6.6, for=\"[2001:db8::1]:4711\";proto=https"])) == "2001:db8::1")
    // A chain of our own proxies is walked past; a malformed hop stops the walk at the last trusted address.
    #expect(proxies.client(of: request(from: "10.0.0.1", ["x-forwarded-for": "203.0.113.7, 10.0.0.1"])) == "203.0.113.7")
    #expect(proxies.client(of: request(from: "10.0.0.1", ["x-forwarded-for": "203.0.113.7, unknown"])) == "10.0.0.1")
    #expect(proxies.client(of: request(from: "10.0.0.1", [:])) == "10.0.0.1")
    // A dual-stack socket names an IPv4 peer as ::ffff:a.b.c.d: the same proxy.
    #expect(proxies.client(of: request(from: "::ffff:10.0.0.1", ["x-forwarded-for": "203.0.113.7"])) == "203.0.113.7")
    // Anyone else's headers are not read.
    #expect(proxies.client(of: request(from: "10.0.0.2", ["x-forwarded-for": "203.0.113.7"])) == "10.0.0.2")
    #expect(throws: RuleViolation.self) { try TrustedProxies(["proxy.example.org"]) }
}

/// The access-log line names the resolved client, as the limits and the activity log do.
@Test func theAccessLogNamesTheForwardedClient() throws {
    let folder = try TemporaryCourse(["keep": ""], name: "site")
    let store = try Store(path: folder.url.appendingPathComponent("proxy.db").path)
    let lines = Mutex<[String]>([])
    let api = APIServer(store: store, tokens: TokenService(secret: Array(repeating: 7, count: 32)), catalog: Catalog([]),
                        siteFolder: folder.url, limits: RateLimits(perAddress: nil, perAccount: nil),
                        trustedProxies: try TrustedProxies(["10.0.0.1"])) { line in lines.withLock { $0.append(line) } }
    _ = api.handle(request(from: "10.0.0.1", ["x-forwarded-for": "203.0.113.7"]))
    #expect(lines.withLock { $0 }.first?.hasPrefix("203.0.113.7 ") == true)
}
