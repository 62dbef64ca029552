import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LecternTesting
import Testing

/// A running `lectern preview` and the port it printed.
final class PreviewProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let errors = Pipe()

    init(_ folder: URL) throws {
        process.executableURL = lecternExecutable
        process.arguments = ["preview", folder.path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The first line on standard output names the address.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":")[1]) else {
            process.terminate()
            throw WebDriverError(message: "preview printed no address: \(text)")
        }
        self.port = port
    }

    func get(_ path: String) throws -> (status: Int, body: String) {
        let (data, response) = try HTTPClient.send(URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!))
        return (response.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// The build version the live-reload script polls.
    func version() throws -> Int {
        let body = try get("/__lectern/version").body
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["version"] as? Int ?? -1
    }

    func waitForVersion(after version: Int) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try self.version() > version { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw WebDriverError(message: "no rebuild after version \(version)")
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

@Test func previewServesRebuildsOnChangeAndShowsErrors() throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Live\ncompletion: {require: lessons}\n",
        "01-a/01-x.md": "# First words\n\nHello.\n",
    ])
    let preview = try PreviewProcess(course.url)
    let page = try preview.get("/course/a/x.html")
    #expect(page.status == 200 && page.body.contains("Hello."))
    #expect(page.body.contains("<script src=\"/__lectern/live-reload.js\" defer></script></body>"))
    #expect(try preview.get("/__lectern/live-reload.js").body.contains("location.reload()"))

    var version = try preview.version()
    try course.write("# First words\n\nHello again.\n", to: "01-a/01-x.md")
    try preview.waitForVersion(after: version)
    #expect(try preview.get("/course/a/x.html").body.contains("Hello again."))

    version = try preview.version()
    try course.write("title: Live\ncompletion: {require: lessons}\nlevle: x\n", to: "course.yaml")
    try preview.waitForVersion(after: version)
    let broken = try preview.get("/course/a/x.html")
    #expect(broken.status == 500 && broken.body.contains("course.yaml:3:1: error: unknown key 'levle'"))

    version = try preview.version()
    try course.write("title: Live\ncompletion: {require: lessons}\n", to: "course.yaml")
    try preview.waitForVersion(after: version)
    #expect(try preview.get("/course/a/x.html").status == 200)
}
