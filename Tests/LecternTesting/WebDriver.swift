// A minimal W3C WebDriver client for driving headless Chromium through chromedriver in tests.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A headless Chromium session. Skips cleanly (via `isAvailable`) on machines without chromium.
public final class Browser: @unchecked Sendable {
    private let driver: Process
    private let base: URL
    private let session: String

    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    }

    public init() throws {
        let port = try freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        var started: [String: Any]?
        for _ in 0..<100 {
            if (try? Browser.request(base, "GET", "/status", nil)) != nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": "/usr/bin/chromium",
                                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                            "--window-size=1200,900", "--autoplay-policy=no-user-gesture-required"]],
        ]]]
        started = try Browser.request(base, "POST", "/session", capabilities) as? [String: Any]
        guard let id = started?["sessionId"] as? String else {
            kill(driver.processIdentifier, SIGKILL)
            throw WebDriverError(message: "chromedriver did not start a session: \(String(describing: started))")
        }
        session = id
    }

    deinit {
        // Closing the session quits Chromium; chromedriver itself ignores SIGTERM, so it gets SIGKILL.
        _ = try? Browser.request(base, "DELETE", "/session/\(session)", nil)
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    /// Opens a URL (`file://…` or `http://…`) and waits for the page to load.
    public func open(_ url: URL) throws {
        _ = try command("POST", "/url", ["url": url.absoluteString])
    }

    /// Sets the window's outer size (the page's width is this minus any scrollbar).
    public func resize(width: Int, height: Int) throws {
        _ = try command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// Runs JavaScript in the page and returns its result (JSON types).
    @discardableResult
    public func execute(_ script: String, _ arguments: [Any] = []) throws -> Any? {
        try command("POST", "/execute/sync", ["script": script, "args": arguments])
    }

    /// Runs JavaScript that calls `arguments[arguments.length - 1](result)` when done.
    @discardableResult
    public func executeAsync(_ script: String) throws -> Any? {
        try command("POST", "/execute/async", ["script": script, "args": []])
    }

    /// Clicks the first element matching a CSS selector, as a user would (scrolls it into view).
    public func click(_ selector: String) throws {
        let element = try find(selector)
        _ = try command("POST", "/element/\(element)/click", [:])
    }

    /// Types text into the first element matching a CSS selector.
    public func type(_ text: String, into selector: String) throws {
        let element = try find(selector)
        _ = try command("POST", "/element/\(element)/value", ["text": text])
    }

    /// The visible text of the first element matching a CSS selector.
    public func text(_ selector: String) throws -> String {
        let element = try find(selector)
        return try command("GET", "/element/\(element)/text", nil) as? String ?? ""
    }

    /// Polls `condition` (JavaScript returning a boolean) until it holds or `timeout` passes.
    public func wait(until condition: String, timeout: TimeInterval = 5) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try execute("return Boolean(\(condition));") as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw WebDriverError(message: "timed out waiting for \(condition)")
    }

    /// Sends the next commands into the frame of the first element matching a CSS selector (an `<iframe>`
    /// of the current document), whatever its origin: scripts then run in that frame's document.
    public func enterFrame(_ selector: String) throws {
        let element = try find(selector)
        _ = try command("POST", "/frame", ["id": ["element-6066-11e4-a52e-4f735466cecf": element]])
    }

    /// Sends the next commands to the top-level document again.
    public func leaveFrames() throws {
        _ = try command("POST", "/frame", ["id": NSNull()])
    }

    public func reload() throws {
        _ = try command("POST", "/refresh", [:])
    }

    private func find(_ selector: String) throws -> String {
        let found = try command("POST", "/element", ["using": "css selector", "value": selector]) as? [String: Any]
        guard let id = found?.values.first as? String else { throw WebDriverError(message: "no element matches \(selector)") }
        return id
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        try Browser.request(base, method, "/session/\(session)" + path, body)
    }

    /// Sends one WebDriver request and returns its `value`, throwing WebDriver errors.
    private static func request(_ base: URL, _ method: String, _ path: String, _ body: [String: Any]?) throws -> Any? {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n" }
        let response = try rawHTTP(port: base.port ?? 80, head + "\r\n" + String(decoding: payload, as: UTF8.self),
                                   timeout: 60, stopAtLength: true)
        let data = Data(httpBody(of: response).utf8)
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        let value = json?["value"]
        if let error = value as? [String: Any], let kind = error["error"] as? String {
            throw WebDriverError(message: "\(kind): \(error["message"] as? String ?? "")")
        }
        return value is NSNull ? nil : value
    }
}

/// The body of a raw HTTP/1.1 response, with chunked transfer coding undone.
public func httpBody(of response: String) -> String {
    guard let split = response.range(of: "\r\n\r\n") else { return "" }
    let head = response[..<split.lowerBound].lowercased()
    var body = Substring(response[split.upperBound...])
    guard head.contains("transfer-encoding: chunked") else { return String(body) }
    var decoded = ""
    while let lineEnd = body.range(of: "\r\n"), let size = Int(body[..<lineEnd.lowerBound], radix: 16), size > 0 {
        let start = lineEnd.upperBound
        let bytes = Array(body[start...].utf8.prefix(size))
        decoded += String(decoding: bytes, as: UTF8.self)
        let consumed = String(decoding: bytes, as: UTF8.self)
        body = body[start...].dropFirst(consumed.count).dropFirst(2)
    }
    return decoded
}

public struct WebDriverError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Blocking HTTP for tests, on top of URLSession.
public enum HTTPClient {
    public static func send(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        let box = ResponseBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data
            box.response = response as? HTTPURLResponse
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw error }
        guard let response = box.response else { throw WebDriverError(message: "no HTTP response") }
        return (box.data ?? Data(), response)
    }
}

private final class ResponseBox: @unchecked Sendable {
    var data: Data?
    var response: HTTPURLResponse?
    var error: (any Error)?
}

/// A TCP port free right now on 127.0.0.1, found by binding port 0.
public func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    guard bound == 0 else { throw WebDriverError(message: "cannot bind a port") }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Sends raw bytes to 127.0.0.1:port and returns everything the server sends back before closing.
/// For requests URLSession would normalise (`/../`, `%00`) or refuse to send.
/// - Parameter stopAtLength: stop after one response whose Content-Length (or chunked end) is reached,
///   for servers that keep the connection open.
public func rawHTTP(port: Int, _ request: String, timeout: Int = 5, stopAtLength: Bool = false) throws -> String {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw WebDriverError(message: "cannot connect to port \(port)") }
    var limit = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    let bytes = Array(request.utf8)
    _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while !(stopAtLength && isComplete(received)) {
        let count = recv(socket, &buffer, buffer.count, 0)
        if count <= 0 { break }
        received += buffer[0..<count]
    }
    return String(decoding: received, as: UTF8.self)
}

/// Whether the bytes hold one whole response with a Content-Length or chunked body.
private func isComplete(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else { return false }
    let head = text[..<split.lowerBound].lowercased()
    let bodyBytes = text[split.upperBound...].utf8.count
    if head.contains("transfer-encoding: chunked") { return text.hasSuffix("\r\n0\r\n\r\n") }
    guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
          let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return false }
    return bodyBytes >= length
}
