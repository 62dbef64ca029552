import Foundation
import LecternTesting
import Testing
import Zip

@Test func packageWritesAValidatedZipAndSaysWhatItHolds() throws {
    let scratch = try TemporaryCourse([:], name: "unused")
    let zip = scratch.url.deletingLastPathComponent().appendingPathComponent("course.zip")
    let result = try runLectern("package", sampleCourse("digital-literacy").path, "--format", "scorm12", "--out", zip.path, "--validate")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(result.stderr.contains("packaged digital-literacy as SCORM 1.2 into \(zip.path):"))
    #expect(result.stderr.contains("manifest valid"))
    let names = try ZipReader(path: zip.path).names()
    #expect(names.first == "imsmanifest.xml" && names.contains("lectern-sco.html") && names.contains("index.html"))
}

@Test func packageRefusesACourseThatFailsCheck() throws {
    let course = try TemporaryCourse(["course.yaml": "title: Broken\n", "01-a/01-x.md": "# X\n\n![Gone](gone.png)\n"])
    let zip = course.url.deletingLastPathComponent().appendingPathComponent("broken.zip")
    let result = try runLectern("package", course.url.path, "--format", "scorm2004", "--out", zip.path)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("01-a/01-x.md:3:1: error: image 'gone.png' does not exist"))
    #expect(!FileManager.default.fileExists(atPath: zip.path))
}

@Test func packageUsageErrors() throws {
    let folder = fixture("minimal-course").path
    #expect(try runLectern("package", folder, "--out", "/tmp/x.zip").exitCode == 64)
    let badFormat = try runLectern("package", folder, "--format", "scorm3", "--out", "/tmp/x.zip")
    #expect(badFormat.exitCode == 64 && badFormat.stderr.contains("--format must be scorm12 or scorm2004"))
    #expect(try runLectern("package", folder, "--format", "scorm12").exitCode == 64)
    #expect(try runLectern("package", folder, "--format", "scorm12", "--out", "/tmp/x.zip", "--single-sco", "--sco-per-module").exitCode == 64)
}
