// `lectern doctor` (issue 16 §3) on real setups: a kiosk that served once, then each way it can be broken
// (a readable secret, a damaged database, a taken port, a course with errors, a clock before the build).
import Foundation
import LecternTesting
import Testing

/// A kiosk's folder: a config file serving one course on port 0, its data folder of mode 0700.
private func kiosk(courses: String = sampleCourse("digital-literacy").path, extra: String = "") throws -> TemporaryCourse {
    let folder = try TemporaryCourse(["serve.conf": "courses = \(courses)\nport = 0\ndb = data/lectern.db\nmin-free-disk-mb = 0\n\(extra)"], name: "kiosk")
    try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("data"), withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o700])
    return folder
}

/// Runs `lectern serve` on the kiosk until it has built its courses, so the database and secret exist.
private func serveOnce(_ folder: TemporaryCourse) throws {
    let server = try LecternProcess(["serve", "--config", folder.url.appendingPathComponent("serve.conf").path])
    #expect(server.stop() == 0)
}

private func doctor(_ folder: TemporaryCourse, _ extra: String...) throws -> RunResult {
    try runLectern(["doctor", "--config", folder.url.appendingPathComponent("serve.conf").path] + extra)
}

/// The report's line for `check`, e.g. "error    secret: …".
private func line(_ result: RunResult, _ check: String) -> String {
    result.stdout.split(separator: "\n").map(String.init).first { $0.dropFirst(9).hasPrefix(check + ":") } ?? ""
}

@Test func doctorFindsNothingWrongWithAKioskThatServed() throws {
    let folder = try kiosk()
    try serveOnce(folder)
    let result = try doctor(folder)
    #expect(result.exitCode == 0, "\(result.stdout)")
    for check in ["database", "secret", "disk", "files", "courses", "port", "scorm-port", "clock"] {
        #expect(line(result, check).hasPrefix("ok       \(check): "), "\(result.stdout)")
    }
    #expect(line(result, "database").hasSuffix("lectern.db opens and is intact (quick_check)"))
    #expect(result.stdout.hasSuffix("0 errors, 0 warnings\n"))
}

@Test func doctorWarnsAboutAFreshKioskWithoutFailing() throws {
    let folder = try kiosk()
    let result = try doctor(folder)
    #expect(result.exitCode == 0, "\(result.stdout)")
    #expect(line(result, "database").hasPrefix("warning  database: ") && line(result, "database").hasSuffix("does not exist yet; 'lectern serve' creates it at its first start"))
    #expect(line(result, "secret").hasSuffix("'lectern serve' makes it at its first start"))
}

@Test func doctorReportsASecretOthersCanRead() throws {
    let folder = try kiosk()
    try serveOnce(folder)
    let secret = folder.url.appendingPathComponent("data/lectern-secret.key").path
    chmod(secret, 0o644)
    chmod(folder.url.appendingPathComponent("data").path, 0o755)
    let result = try doctor(folder)
    #expect(result.exitCode == 1)
    #expect(line(result, "secret") == "error    secret: \(secret) has mode 0644: other local users can read it and forge sign-ins; run 'chmod 600 \(secret)'", "\(result.stdout)")
    #expect(result.stdout.contains("warning  secret: the folder \(folder.url.appendingPathComponent("data").path) has mode 0755"))
    // The uploads folder beside the database: learners' hand-ins must not be readable by other users either.
    let files = folder.url.appendingPathComponent("data/lectern-files").path
    #expect(line(result, "files") == "ok       files: \(files) is the server's own (mode 0700)", "\(result.stdout)")
    chmod(files, 0o755)
    #expect(line(try doctor(folder), "files") == "warning  files: \(files) has mode 0755: other local users can read learners' uploads; run 'chmod 700 \(files)'")
    if getuid() == 0 {
        // Owned by someone else than the folder's owner (the service's user): the server could not read it.
        chmod(secret, 0o600)
        chown(secret, 65534, 65534)
        let owned = try doctor(folder)
        #expect(owned.exitCode == 1 && line(owned, "secret").contains("run 'chown root \(secret)'"), "\(owned.stdout)")
    }
}

@Test func doctorReportsADamagedDatabase() throws {
    let folder = try kiosk()
    try serveOnce(folder)
    let database = folder.url.appendingPathComponent("data/lectern.db").path
    // A file of the right name that is not a database at all (a half-copied or overwritten file).
    try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: database))
    let result = try doctor(folder)
    #expect(result.exitCode == 1)
    #expect(line(result, "database").hasPrefix("error    database: \(database) is damaged (file is not a database); stop the server and restore the newest backup"),
            "\(result.stdout)")
}

@Test func doctorReportsAPortTakenByAnotherProgram() throws {
    // Another program listens on the port the kiosk asks for: a socket that accepts and never answers.
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var size = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) { pointer in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            try #require(bind(listener, $0, size) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &size) == 0)
        }
    }
    let port = String(UInt16(bigEndian: address.sin_port))
    let folder = try kiosk()
    let result = try doctor(folder, "--port", port)
    #expect(result.exitCode == 1)
    #expect(line(result, "port") == "error    port: port \(port) on 127.0.0.1 is taken by another program; stop it or choose another 'port'", "\(result.stdout)")
}

@Test func doctorAcceptsThePortOfTheRunningServer() throws {
    let folder = try kiosk()
    let server = try LecternProcess(["serve", "--config", folder.url.appendingPathComponent("serve.conf").path])
    let port = String(server.port)
    let running = try doctor(folder, "--port", port)
    #expect(line(running, "port") == "ok       port: 127.0.0.1:\(port) is held by a running lectern server (it answers /api/v1/health)", "\(running.stdout)")
    #expect(running.exitCode == 0, "\(running.stdout)")
    #expect(server.stop() == 0)
    #expect(line(try doctor(folder, "--port", port), "port") == "ok       port: 127.0.0.1:\(port) is free")
}

@Test func doctorReportsACourseWithErrors() throws {
    let course = try TemporaryCourse(["course.yaml": "titel: Broken\n"], name: "broken")
    let folder = try kiosk(courses: course.url.path)
    let result = try doctor(folder)
    #expect(result.exitCode == 1)
    #expect(line(result, "courses").hasPrefix("error    courses: \(course.url.path): "), "\(result.stdout)")
    #expect(line(result, "courses").hasSuffix("the server will not start; run 'lectern check \(course.url.path)'"))
}

@Test func doctorReportsAClockBeforeTheBuild() throws {
    // A copy of the binary dated in 2100, as if the kiosk booted with a clock far behind its software.
    let copy = try TemporaryCourse(["keep": ""], name: "bin")
    let binary = copy.url.appendingPathComponent("lectern")
    try FileManager.default.copyItem(at: lecternExecutable, to: binary)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 4_102_444_800)], ofItemAtPath: binary.path)
    let folder = try kiosk()
    let result = try runTool(binary.path, ["doctor", "--config", folder.url.appendingPathComponent("serve.conf").path])
    #expect(result.status == 1)
    #expect(result.output.contains("error    clock: the clock says ") && result.output.contains("before this lectern was built (2100-01-01T00:00:00Z); set the time"),
            "\(result.output)")
}
