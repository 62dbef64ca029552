// Request smuggling (issue 13, item 3): exact bytes on raw sockets, RFC 9112 §6.1 and §6.3.
import Foundation
import HTTP
import LecternTesting
import Testing

private func echoServer() throws -> HTTPServer {
    try HTTPServer(options: HTTPServerOptions()) { request in
        HTTPResponse(status: 200, contentType: "text/plain", text: "\(request.method) \(request.rawPath) body=\(String(decoding: request.body, as: UTF8.self))")
    }
}

@Test func conflictingContentLengthsAre400AndClose() throws {
    let served = try echoServer()
    defer { served.stop() }
    let client = try ClientSocket(port: served.port)
    client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 10\r\n\r\nabcGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n")
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 400, "\(answer.text)")
    #expect(answer.text.contains("conflicting Content-Length"))
    #expect(responseCount(answer.text) == 1 && !answer.text.contains("/smuggled"))
    #expect(answer.closed)
}

@Test func contentLengthWithTransferEncodingIsAnsweredThenClosed() throws {
    let served = try echoServer()
    defer { served.stop() }
    let client = try ClientSocket(port: served.port)
    client.send("POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
    let answer = client.receive(seconds: 5)
    // Chunked wins (RFC 9112 §6.3 item 3), and the connection does not carry another request.
    #expect(statusCode(answer.text) == 200 && answer.text.hasSuffix("POST /b body=abc"), "\(answer.text)")
    #expect(answer.text.contains("Connection: close"))
    #expect(answer.closed)
}

@Test func foldedTransferEncodingIs400AndClose() throws {
    let served = try echoServer()
    defer { served.stop() }
    let client = try ClientSocket(port: served.port)
    client.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 3\r\n\r\nabc")
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 400, "\(answer.text)")
    #expect(answer.closed)
    let other = try ClientSocket(port: served.port)
    other.send("POST /d HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n\t, two\r\nContent-Length: 0\r\n\r\n")
    #expect(statusCode(other.receive(seconds: 5).text) == 400)
}

@Test func aTransferCodingOtherThanChunkedIs501() throws {
    let served = try echoServer()
    defer { served.stop() }
    let client = try ClientSocket(port: served.port)
    client.send("POST /e HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 3\r\n\r\nabc")
    let answer = client.receive(seconds: 5)
    #expect(statusCode(answer.text) == 501, "\(answer.text)")
    #expect(answer.closed)
}

@Test func aPlainKeptAliveRequestStillWorks() throws {
    let served = try echoServer()
    defer { served.stop() }
    let client = try ClientSocket(port: served.port)
    client.send("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /g HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    let answer = client.receive(seconds: 5)
    #expect(responseCount(answer.text) == 2 && answer.text.contains("POST /f body=abc") && answer.text.hasSuffix("GET /g body="), "\(answer.text)")
}
