// Body memory (issue 13, item 2) in a real `lectern serve`: many connections holding large unfinished
// bodies, measured by the server process's resident memory.
import Foundation
import LecternTesting
import Testing

/// VmRSS of a process, in KiB.
private func residentKiB(_ pid: Int32) -> Int {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

@Test func unfinishedBodiesCannotGrowTheServerWithoutBound() throws {
    // No per-address cap: every connection comes from 127.0.0.1, and only the body budget should be at work.
    let (server, _) = try startServer(options: ["--max-connections-per-address", "0", "--rate-limit", "0"])
    let pid = server.process.processIdentifier
    let before = residentKiB(pid)
    let head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(1 << 20)\r\n\r\n"
    let part = [UInt8](repeating: UInt8(ascii: " "), count: 900 * 1024)
    var holders: [ClientSocket] = []
    var refused = 0
    // 250 bodies of 1 MiB, 900 KiB of each sent and the rest never: 225 MiB if all were kept.
    for _ in 0..<250 {
        let holder = try ClientSocket(port: server.port)
        holder.send(head)
        let reply = holder.receive(seconds: 0.01)
        if statusCode(reply.text) == 503 { refused += 1; continue }
        holder.send(part)
        holders.append(holder)
    }
    Thread.sleep(forTimeInterval: 1)
    let holding = residentKiB(pid)
    #expect(refused > 0)
    #expect(holding - before < 120 * 1024, "grew by \(holding - before) KiB while holding \(holders.count) bodies")
    holders.removeAll()
    // The memory comes back when the connections end.
    var after = residentKiB(pid)
    let deadline = Date().addingTimeInterval(10)
    while after - before >= 40 * 1024, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.25)
        after = residentKiB(pid)
    }
    #expect(after - before < 40 * 1024, "still \(after - before) KiB above the start after the connections closed")
    #expect(try server.request("GET", "/api/v1/health").status == 200)
}
