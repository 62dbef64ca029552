// Uploads go to a file as they arrive: never held in memory, never kept when refused or abandoned.
import Foundation
import HTTP
import LecternTesting
import Testing

/// A server streaming `/upload` bodies (up to 1,000 bytes) into a fresh folder; `/keep` moves the upload
/// to `kept` and `/anonymous` is refused before its body is read. The handler answers what it received.
private func uploadServer() throws -> (HTTPServer, incoming: URL, kept: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID().uuidString)")
    let incoming = folder.appendingPathComponent("incoming")
    let kept = folder.appendingPathComponent("kept")
    try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
    var options = HTTPServerOptions()
    options.uploadFolder = incoming.path
    options.bodyHandling = { _, path, _ in
        switch path {
        case "/upload", "/keep": return .streamed(limit: 1000)
        case "/anonymous": return .refused(HTTPResponse(status: 401, contentType: "application/json", text: #"{"detail":"sign in"}"#))
        default: return .inMemory
        }
    }
    let server = try HTTPServer(options: options) { request in
        guard let file = request.bodyFile else {
            return HTTPResponse(status: 200, contentType: "text/plain", text: "memory \(request.body.count)")
        }
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file.path))) ?? Data()
        let mode = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.posixPermissions] as? Int) ?? 0
        if request.rawPath == "/keep" { try? FileManager.default.moveItem(atPath: file.path, toPath: kept.path) }
        return HTTPResponse(status: 200, contentType: "text/plain",
                            text: "file \(file.byteCount) \(String(decoding: bytes, as: UTF8.self)) mode \(String(mode, radix: 8)) body \(request.body.count)")
    }
    return (server, incoming, kept)
}

private func leftovers(_ folder: URL) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
}

private func post(_ port: Int, _ path: String, _ body: String, chunked: Bool = false) throws -> String {
    let socket = try ClientSocket(port: port)
    if chunked {
        let chunks = stride(from: 0, to: body.utf8.count, by: 300).map { start -> String in
            let piece = String(body.utf8.dropFirst(start).prefix(300))!
            return String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n"
        }
        _ = socket.send("POST \(path) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks.joined() + "0\r\n\r\n")
    } else {
        _ = socket.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body)
    }
    return socket.receive(seconds: 10).text
}

@Test func anUploadArrivesAsAPrivateFileThatIsGoneAfterTheAnswer() throws {
    let (server, incoming, kept) = try uploadServer()
    defer { server.stop() }
    let answer = try post(server.port, "/upload", String(repeating: "a", count: 600))
    #expect(statusCode(answer) == 200)
    #expect(answer.hasSuffix("file 600 \(String(repeating: "a", count: 600)) mode 600 body 0"), "\(answer)")
    #expect(leftovers(incoming).isEmpty)
    // Chunked bodies are counted as they come.
    #expect(try post(server.port, "/upload", String(repeating: "b", count: 900), chunked: true).contains("file 900 bbb"))
    // A handler that moves the upload keeps it.
    #expect(try post(server.port, "/keep", "kept bytes").contains("file 10 kept bytes"))
    #expect(try String(contentsOf: kept, encoding: .utf8) == "kept bytes")
    #expect(leftovers(incoming).isEmpty)
    // Other paths keep their bodies in memory.
    #expect(try post(server.port, "/other", "12345").hasSuffix("memory 5"))
}

@Test func anOversizeUploadIsRefusedAndNothingIsKept() throws {
    let (server, incoming, _) = try uploadServer()
    defer { server.stop() }
    // Declared too large: refused before a byte is read.
    let declared = try post(server.port, "/upload", String(repeating: "x", count: 1001))
    #expect(statusCode(declared) == 413 && declared.contains("too large"), "\(declared)")
    // Chunked, so only counting finds out.
    let counted = try post(server.port, "/upload", String(repeating: "x", count: 1500), chunked: true)
    #expect(statusCode(counted) == 413, "\(counted)")
    #expect(leftovers(incoming).isEmpty)
    // Refused by its head: the body is never read.
    #expect(statusCode(try post(server.port, "/anonymous", "secret")) == 401)
    #expect(leftovers(incoming).isEmpty)
}

@Test func anAbandonedUploadLeavesNothing() throws {
    let (server, incoming, _) = try uploadServer()
    defer { server.stop() }
    do {
        let socket = try ClientSocket(port: server.port)
        _ = socket.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "h", count: 400))
        // Half the body is on disk while the client is still there.
        let deadline = Date().addingTimeInterval(5)
        while leftovers(incoming).isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(leftovers(incoming).count == 1)
    }
    // The client went away (its socket closed): the half-written file goes too.
    let deadline = Date().addingTimeInterval(10)
    while !leftovers(incoming).isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(leftovers(incoming).isEmpty)
}
