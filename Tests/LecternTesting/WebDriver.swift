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
            driver.terminate()
            throw WebDriverError(message: "chromedriver did not start a session: \(String(describing: started))")
        }
        session = id
    }

    deinit {
        _ = try? Browser.request(base, "DELETE", "/session/\(session)", nil)
        driver.terminate()
        driver.waitUntilExit()
    }

    /// Opens a URL (`file://…` or `http://…`) and waits for the page to load.
    public func open(_ url: URL) throws {
        _ = try command("POST", "/url", ["url": url.absoluteString])
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
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, _) = try HTTPClient.send(request)
        let json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        let value = json?["value"]
        if let error = value as? [String: Any], let kind = error["error"] as? String {
            throw WebDriverError(message: "\(kind): \(error["message"] as? String ?? "")")
        }
        return value is NSNull ? nil : value
    }
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
public func rawHTTP(port: Int, _ request: String) throws -> String {
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
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let bytes = Array(request.utf8)
    _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = recv(socket, &buffer, buffer.count, 0)
        if count <= 0 { break }
        received += buffer[0..<count]
    }
    return String(decoding: received, as: UTF8.self)
}
