import Foundation

/// A raw TCP connection to the server under test, from a chosen loopback address (127.0.0.1 and
/// 127.0.0.2 are both local on Linux, so one test can play two clients), sending exact bytes.
public final class ClientSocket {
    public let socket: Int32

    public init(port: Int, from source: String = "127.0.0.1") throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, size) } }
        let connected = withUnsafePointer(to: &remote) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, size) } }
        guard bound == 0, connected == 0 else {
            close(socket)
            throw ClientSocketError(message: "cannot connect to port \(port) from \(source): errno \(errno)")
        }
    }

    /// Sends bytes; false once the server has closed the connection.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Reads until the server closes the connection or `seconds` pass without it doing so.
    public func receive(seconds: Double) -> (text: String, closed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return (String(decoding: received, as: UTF8.self), false) }
            var wait = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&wait, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[0..<count]
        }
    }

    deinit { close(socket) }
}

public struct ClientSocketError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The status code of the first response in `text`, or 0.
public func statusCode(_ text: String) -> Int {
    text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
}

/// How many responses `text` holds.
public func responseCount(_ text: String) -> Int { text.components(separatedBy: "HTTP/1.1 ").count - 1 }
