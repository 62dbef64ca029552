// Helpers shared by the test targets: fixture paths, throwaway course folders, and running the real binary.
import Foundation

/// The repository root, found from this file's location so tests run from any working directory.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fixture course folder of `Tests/CourseModelTests/Fixtures/`.
public func fixture(_ name: String) -> URL {
    repositoryRoot.appendingPathComponent("Tests/CourseModelTests/Fixtures/\(name)")
}

/// A sample course of `SampleCourses/`.
public func sampleCourse(_ name: String) -> URL {
    repositoryRoot.appendingPathComponent("SampleCourses/\(name)")
}

/// A course folder written from inline files, deleted when the value goes away.
public final class TemporaryCourse: Sendable {
    public let url: URL

    /// - Parameter files: course-relative path → contents.
    public init(_ files: [String: String], name: String = "course") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lectern-test-\(UUID().uuidString)")
            .appendingPathComponent(name)
        for (path, contents) in files {
            try write(contents, to: path)
        }
    }

    public func write(_ contents: String, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
    }

    public func writeData(_ data: Data, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    public func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(at: url.appendingPathComponent(from), to: url.appendingPathComponent(to))
    }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}

/// What a run of the `lectern` binary printed and returned.
public struct RunResult: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
}

/// The built `lectern` executable: next to the test bundle in `.build/<config>/`.
public var lecternExecutable: URL {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lectern")
    if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
    return repositoryRoot.appendingPathComponent(".build/debug/lectern")
}

/// Runs a tool (a path, or a name looked up on PATH) and waits for it: its status and what it printed,
/// standard error after standard output.
public func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : "/usr/bin/env")
    process.arguments = tool.hasPrefix("/") ? arguments : [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

/// Runs `lectern` with `arguments` and waits for it.
public func runLectern(_ arguments: String..., in directory: URL? = nil) throws -> RunResult {
    try runLectern(arguments, in: directory)
}

/// Runs `lectern` with `arguments` and waits for it.
public func runLectern(_ arguments: [String], in directory: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = lecternExecutable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Drain standard error on another thread while reading standard output, so neither pipe can fill
    // up and block the child.
    let errors = DataBox()
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        errors.data = stderr.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    process.waitUntilExit()
    return RunResult(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errors.data, as: UTF8.self))
}

/// Carries bytes read on one thread to another; the semaphore orders the write before the read.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Every file under `folder` (recursively) by its relative path, with its bytes: for comparing built sites.
public func filesUnder(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        files[path] = FileManager.default.contents(atPath: url.path)
    }
    return files
}
