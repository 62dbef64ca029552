import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running `lectern preview` or `lectern serve` and the port it printed on its first line.
public final class LecternProcess: @unchecked Sendable {
    public let process = Process()
    public let port: Int

    /// - Parameters:
    ///   - environment: variables set for the server on top of the test's own (`TMPDIR`).
    ///   - waitUntilBuilt: for `lectern serve`, return only once it has built its courses
    ///     (it listens, and prints its address, before).
    ///   - standardError: a file to write what it prints on standard error to (discarded by default).
    ///   - executable: another `lectern` than the one built with the tests (an installed package's).
    public init(_ arguments: [String], environment: [String: String] = [:], waitUntilBuilt: Bool = true,
                standardError: URL? = nil, executable: URL = lecternExecutable) throws {
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        process.standardOutput = output
        if let standardError {
            FileManager.default.createFile(atPath: standardError.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: standardError)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
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
            throw WebDriverError(message: "lectern printed no address: \(text)")
        }
        self.port = port
        if waitUntilBuilt, arguments.first == "serve" { try waitWhileBuilding() }
    }

    /// Polls /api/v1/ready while it says the courses are being built (at most a minute).
    public func waitWhileBuilding() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let ready = try request("GET", "/api/v1/ready")
            if !(ready.status == 503 && ready.text.contains("being built")) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Sends a request and returns the status, the JSON object or raw text, and the headers.
    public func request(_ method: String, _ path: String, json: Any? = nil, body: Data? = nil,
                        headers: [String: String] = [:]) throws -> (status: Int, json: [String: Any], text: String, headers: [AnyHashable: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
        }
        let (data, response) = try HTTPClient.send(request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (response.statusCode, object, String(decoding: data, as: UTF8.self), response.allHeaderFields)
    }

    public func get(_ path: String) throws -> (status: Int, body: String) {
        let result = try request("GET", path)
        return (result.status, result.text)
    }

    /// The build version `lectern preview`'s live-reload script polls.
    public func version() throws -> Int {
        try request("GET", "/__lectern/version").json["version"] as? Int ?? -1
    }

    public func waitForVersion(after version: Int) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try self.version() > version { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw WebDriverError(message: "no rebuild after version \(version)")
    }

    /// Sends SIGTERM and waits; returns the exit status.
    public func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
