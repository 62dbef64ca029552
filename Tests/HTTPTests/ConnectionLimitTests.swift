// Connection exhaustion (issue 13, item 1): real servers on 127.0.0.1, clients on 127.0.0.1 and 127.0.0.2.
import Foundation
import HTTP
import LecternTesting
import Testing

private func server(_ configure: (inout HTTPServerOptions) -> Void) throws -> HTTPServer {
    var options = HTTPServerOptions()
    configure(&options)
    return try HTTPServer(options: options) { _ in HTTPResponse(status: 200, contentType: "text/plain", text: "hello") }
}

private let get = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"

@Test func oneAddressOverItsCapDoesNotStarveAnother() throws {
    let served = try server {
        $0.maxConnectionsPerAddress = 4
        $0.maxConnections = 16
        $0.headerTimeoutSeconds = 60
    }
    defer { served.stop() }
    // 127.0.0.2 opens far more connections than the whole server holds, each trickling headers.
    var attackers: [ClientSocket] = []
    for _ in 0..<60 {
        let attacker = try ClientSocket(port: served.port, from: "127.0.0.2")
        attacker.send("G")
        attackers.append(attacker)
    }
    Thread.sleep(forTimeInterval: 0.5)
    for attacker in attackers { attacker.send("E") }
    let started = Date()
    let client = try ClientSocket(port: served.port, from: "127.0.0.1")
    client.send(get)
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 200, "\(answer.text)")
    #expect(Date().timeIntervalSince(started) < 1)
    withExtendedLifetime(attackers) {}
}

@Test func headersThatTrickleAreCutOffAtTheDeadline() throws {
    let served = try server { $0.headerTimeoutSeconds = 1 }
    defer { served.stop() }
    let slow = try ClientSocket(port: served.port)
    let started = Date()
    var cutOff = false
    // One byte every 200 ms restarts libmicrohttpd's idle timeout (30 s) every time; only the header deadline ends it.
    for byte in String(repeating: "GET / HTTP/1.1\r\nX-Slow: ", count: 4).utf8 {
        if !slow.send([byte]) || slow.receive(seconds: 0.2).closed { cutOff = true; break }
        if Date().timeIntervalSince(started) > 6 { break }
    }
    #expect(cutOff)
    #expect(Date().timeIntervalSince(started) < 6)
    // A client that sends its headers at once is served as before.
    let client = try ClientSocket(port: served.port)
    client.send(get)
    #expect(statusCode(client.receive(seconds: 5).text) == 200)
}

@Test func aFullServerAnswers503WithRetryAfter() throws {
    let served = try server {
        $0.maxConnections = 4
        $0.maxConnectionsPerAddress = 0
        $0.headerTimeoutSeconds = 0
    }
    defer { served.stop() }
    let idle = try (0..<6).map { _ in try ClientSocket(port: served.port, from: "127.0.0.2") }
    Thread.sleep(forTimeInterval: 0.5)
    let client = try ClientSocket(port: served.port)
    client.send(get)
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 503, "\(answer.text)")
    #expect(answer.text.contains("Retry-After: 5") && answer.text.contains(#"{"detail":"the server has too many open connections"#))
    #expect(answer.closed)
    // Once the idle connections are gone, requests are served again.
    withExtendedLifetime(idle) {}
    _ = consume idle
    Thread.sleep(forTimeInterval: 0.5)
    let later = try ClientSocket(port: served.port)
    later.send(get)
    #expect(statusCode(later.receive(seconds: 5).text) == 200)
}
