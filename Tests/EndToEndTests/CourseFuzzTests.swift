// scripts/fuzz-course against the built binary for a short budget: any crash, any run over its time cap,
// or any input whose time grows faster than its size fails the suite, with the seed and saved input.
import Foundation
import LecternTesting
import Testing

@Test func fuzzedCoursesNeverCrashOrStall() throws {
    // A fixed seed per day: failures reproduce with the printed seed, and coverage still moves over time.
    let seed = Int(Date().timeIntervalSince1970 / 86_400)
    let script = repositoryRoot.appendingPathComponent("scripts/fuzz-course").path
    let findings = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-fuzz-\(UUID().uuidString)")
    let result = try runTool("python3", [script, "--lectern", lecternExecutable.path, "--seconds", "20",
                                         "--seed", String(seed), "--out", findings.path])
    #expect(result.status == 0, "\(result.output)")
    #expect(result.output.contains("fuzz-course: seed \(seed)"))
    #expect(!result.output.contains("FINDING"), "\(result.output)")
}
