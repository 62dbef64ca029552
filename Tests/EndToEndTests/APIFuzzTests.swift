// Schemathesis fuzzes the live server against its own OpenAPI description: no 5xx, no answer that
// contradicts the schema (scripts/fuzz-api; settings in Tests/APIFuzz/).
import Foundation
import LecternTesting
import Testing

@Test func schemathesisFindsNoFailures() throws {
    let (status, report) = try runTool(repositoryRoot.appendingPathComponent("scripts/fuzz-api").path, [lecternExecutable.path])
    #expect(status == 0, "scripts/fuzz-api failed (install Schemathesis with scripts/deps):\n\(report)")
    // All three roles ran, and each run tested every operation.
    #expect(report.components(separatedBy: "=== schemathesis as").count == 4)
    #expect(!report.contains("Tested: 0"))
}
