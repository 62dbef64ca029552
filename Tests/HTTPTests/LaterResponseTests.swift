// Answers given after the handler returned (`HTTPResponse.later`): the connection waits, suspended,
// while the HTTP threads go on serving others; the answer then goes out with the changes middleware asked for.
import Foundation
import HTTP
import LecternTesting
import Synchronization
import Testing

/// `/later/N` answers once the test fulfils it, `/now/N` is fulfilled before the handler even returns;
/// both through a change that adds a header, as middleware does.
private final class Pending: Sendable {
    let promises = Mutex<[(String, LaterResponse)]>([])
    var count: Int { promises.withLock { $0.count } }
}

private func laterServer(threads: Int) throws -> (HTTPServer, Pending) {
    let pending = Pending()
    var options = HTTPServerOptions()
    options.threads = threads
    let server = try HTTPServer(options: options) { request in
        let promise = LaterResponse()
        if request.rawPath.hasPrefix("/now/") {
            promise.fulfill(HTTPResponse(status: 200, contentType: "text/plain", text: "now " + request.rawPath.dropFirst(5)))
        } else {
            pending.promises.withLock { $0.append((String(request.rawPath.dropFirst(7)), promise)) }
        }
        return HTTPResponse.later(promise).map { response in
            var response = response
            response.headers.append(("X-Changed", "yes"))
            return response
        }
    }
    return (server, pending)
}

private func waitFor(_ count: Int, in pending: Pending, seconds: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while pending.count < count {
        guard Date() < deadline else { return false }
        usleep(2000)
    }
    return true
}

@Test func manyAnswersWaitAtOnceOnTwoThreadsAndKeptAliveConnectionsGoOn() throws {
    let (server, pending) = try laterServer(threads: 2)
    defer { server.stop() }
    // Twenty requests waiting at once on a server of two threads: none holds a thread while it waits.
    let clients = try (0..<20).map { _ in try ClientSocket(port: server.port) }
    for (index, client) in clients.enumerated() {
        #expect(client.send("GET /later/\(index) HTTP/1.1\r\nHost: x\r\n\r\nGET /now/\(index) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    }
    #expect(waitFor(20, in: pending))
    // Answered from another thread, in reverse order of arrival.
    let promises = pending.promises.withLock { $0 }
    DispatchQueue.global().async {
        for (number, promise) in promises.reversed() {
            promise.fulfill(HTTPResponse(status: 201, contentType: "text/plain", text: "later \(number)"))
            promise.fulfill(HTTPResponse(status: 500, contentType: "text/plain", text: "a second answer is ignored"))
        }
    }
    for (index, client) in clients.enumerated() {
        let answer = client.receive(seconds: 10)
        #expect(answer.closed && responseCount(answer.text) == 2, "\(answer.text)")
        // The later answer first, then the next request on the same connection.
        let later = try #require(answer.text.range(of: "later \(index)"))
        let now = try #require(answer.text.range(of: "now \(index)"))
        #expect(later.upperBound < now.lowerBound)
        #expect(answer.text.hasPrefix("HTTP/1.1 201"))
        #expect(answer.text.components(separatedBy: "X-Changed: yes").count == 3)
        #expect(!answer.text.contains("ignored"))
    }
}

@Test func stoppingTheServerWaitsForAnswersStillToCome() throws {
    let (server, pending) = try laterServer(threads: 2)
    let client = try ClientSocket(port: server.port)
    #expect(client.send("GET /later/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
    #expect(waitFor(1, in: pending))
    let promise = try #require(pending.promises.withLock { $0.first?.1 })
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
        promise.fulfill(HTTPResponse(status: 200, contentType: "text/plain", text: "answered while stopping"))
    }
    let started = Date()
    server.stop()
    #expect(Date().timeIntervalSince(started) >= 0.25)
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 200 && answer.text.contains("answered while stopping"), "\(answer.text)")
}
