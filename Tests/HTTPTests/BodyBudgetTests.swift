// Body memory (issue 13, item 2): bodies in flight share one budget, given back when connections end.
import Foundation
import HTTP
import LecternTesting
import Testing

@Test func bodiesInFlightPastTheBudgetGet503AndClosingGivesTheMemoryBack() throws {
    var options = HTTPServerOptions()
    options.maxBodyBytes = 1 << 20
    options.maxBodyMemoryBytes = 3 << 20
    let served = try HTTPServer(options: options) { request in
        HTTPResponse(status: 200, contentType: "text/plain", text: "got \(request.body.count) bytes")
    }
    defer { served.stop() }
    let head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(1 << 20)\r\nConnection: close\r\n\r\n"
    // Three 1 MiB bodies that never finish fill the 3 MiB budget.
    var holders: [ClientSocket] = []
    for _ in 0..<3 {
        let holder = try ClientSocket(port: served.port)
        holder.send(head)
        holder.send([UInt8](repeating: UInt8(ascii: "x"), count: 1024))
        holders.append(holder)
    }
    Thread.sleep(forTimeInterval: 0.3)
    let refused = try ClientSocket(port: served.port)
    refused.send(head)
    let answer = refused.receive(seconds: 5)
    #expect(statusCode(answer.text) == 503, "\(answer.text)")
    #expect(answer.text.contains("Retry-After: 5") && answer.closed)
    // The holders go away: their reservations come back and a whole body fits again.
    holders.removeAll()
    var status = 0
    let deadline = Date().addingTimeInterval(10)
    while status != 200, Date() < deadline {
        let sender = try ClientSocket(port: served.port)
        sender.send(head)
        sender.send([UInt8](repeating: UInt8(ascii: "y"), count: 1 << 20))
        let reply = sender.receive(seconds: 5)
        status = statusCode(reply.text)
        if status == 200 { #expect(reply.text.hasSuffix("got 1048576 bytes")) } else { Thread.sleep(forTimeInterval: 0.2) }
    }
    #expect(status == 200)
}
