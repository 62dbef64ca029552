// Schemathesis fuzzes the live server against its own OpenAPI description: no 5xx, no answer that
// contradicts the schema (scripts/fuzz-api; settings in Tests/APIFuzz/).
import Foundation
import LecternTesting
import Testing

@Test func schemathesisFindsNoFailures() throws {
    let process = Process()
    process.executableURL = repositoryRoot.appendingPathComponent("scripts/fuzz-api")
    process.arguments = [lecternExecutable.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "scripts/fuzz-api failed (install Schemathesis with scripts/deps):\n\(report)")
    // All three roles ran, and each run tested every operation.
    #expect(report.components(separatedBy: "=== schemathesis as").count == 4)
    #expect(!report.contains("Tested: 0"))
}
