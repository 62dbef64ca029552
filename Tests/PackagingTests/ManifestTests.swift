import CourseModel
import Foundation
import LecternTesting
import Packaging
import SiteBuilder
import Testing
import XML
import Zip

func source(_ folder: URL) throws -> CourseSource {
    let result = try Loader.load(folder)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return CourseSource(course: result.course, folder: folder.standardizedFileURL)
}

func manifest(of site: BuiltSite) -> String { site.text("imsmanifest.xml") ?? "" }

@Test(arguments: ["python-foundations", "digital-literacy", "huerto-escolar"], ScormEdition.allCases)
func everySamplePackagesAndValidates(sample: String, edition: ScormEdition) throws {
    for layout in [ScoLayout.single, .perModule] {
        let (site, report) = try ScormPackager.contents(try source(sampleCourse(sample)),
                                                        options: PackageOptions(edition: edition, layout: layout, validate: true))
        #expect(try ScormPackager.validate(manifest: manifest(of: site), edition: edition).isEmpty)
        #expect(report.suspendDataWorstCase < edition.suspendDataLimit)
        // Every file of the package is listed once in the manifest, and the manifest lists nothing else.
        let listed = manifest(of: site).components(separatedBy: "<file href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(listed).count == listed.count)
        #expect(Set(listed) == Set(site.files.keys).subtracting(["imsmanifest.xml"]))
    }
}

@Test func scorm12ManifestCarriesMetadataMasteryAndScormType() throws {
    let (site, _) = try ScormPackager.contents(try source(sampleCourse("python-foundations")), options: PackageOptions(edition: .scorm12))
    let xml = manifest(of: site)
    #expect(xml.contains("<schemaversion>1.2</schemaversion>"))
    #expect(xml.contains("<imsmd:langstring xml:lang=\"en\">Python Foundations</imsmd:langstring>"))
    #expect(xml.contains("<imsmd:keyword>"))
    #expect(xml.contains("<adlcp:masteryscore>70</adlcp:masteryscore>"))
    #expect(xml.contains("adlcp:scormtype=\"sco\" href=\"lectern-sco.html\""))
    #expect(xml.contains("adlcp:scormtype=\"asset\""))
}

@Test func scorm2004PerModuleHasOneSCOPerModuleAndFlowSequencing() throws {
    let course = try source(sampleCourse("python-foundations"))
    let (site, report) = try ScormPackager.contents(course, options: PackageOptions(edition: .scorm2004, layout: .perModule))
    let xml = manifest(of: site)
    #expect(report.scos == course.course.modules.count)
    for module in course.course.modules {
        #expect(xml.contains("href=\"lectern-sco-\(module.id).html\""))
        #expect(site.files["lectern-sco-\(module.id).html"] != nil)
    }
    #expect(xml.contains("<imsss:controlMode choice=\"true\" flow=\"true\"/>"))
    #expect(xml.contains("<imsss:minNormalizedMeasure>0.70</imsss:minNormalizedMeasure>"))
    #expect(xml.contains("adlcp:scormType=\"sco\""))
}

@Test func aBrokenManifestFailsValidationWithItsLine() throws {
    let (site, _) = try ScormPackager.contents(try source(fixture("minimal-course")), options: PackageOptions(edition: .scorm2004))
    let broken = manifest(of: site).replacingOccurrences(of: "adlcp:scormType=\"sco\"", with: "adlcp:scormType=\"scoo\"")
    let problems = try ScormPackager.validate(manifest: broken, edition: .scorm2004)
    #expect(problems.count == 1)
    #expect(problems.first?.message.contains("scoo") == true && (problems.first?.line ?? 0) > 1)
    let broken12 = try ScormPackager.contents(try source(fixture("minimal-course")), options: PackageOptions(edition: .scorm12)).0
    #expect(!(try ScormPackager.validate(manifest: manifest(of: broken12).replacingOccurrences(of: "<organizations", with: "<organisations")
        .replacingOccurrences(of: "</organizations>", with: "</organisations>"), edition: .scorm12)).isEmpty)
}

@Test func packagesAreByteIdenticalAndListEveryFile() throws {
    let course = try source(sampleCourse("digital-literacy"))
    let scratch = try TemporaryCourse([:], name: "unused")
    let first = scratch.url.deletingLastPathComponent().appendingPathComponent("a.zip")
    let second = scratch.url.deletingLastPathComponent().appendingPathComponent("b.zip")
    _ = try ScormPackager.write(course, options: PackageOptions(edition: .scorm2004), to: first)
    _ = try ScormPackager.write(course, options: PackageOptions(edition: .scorm2004), to: second)
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    #expect(try ScormPackager.audit(first).isEmpty)
    let names = try ZipReader(path: first.path).names()
    #expect(names.first == "imsmanifest.xml")
    #expect(names.contains("media/media/audio/passphrase-tip.wav"))
    // Only media the course references: nothing from folders it does not use.
    #expect(!names.contains { $0.hasPrefix("theme/") || $0.hasSuffix(".md") || $0.hasSuffix(".yaml") })
    let audio = try ZipReader(path: first.path).data("media/media/audio/passphrase-tip.wav")
    #expect(audio == (try Data(contentsOf: sampleCourse("digital-literacy").appendingPathComponent("media/audio/passphrase-tip.wav"))))
}

@Test func largeCoursesNeedScorm2004OrOneSCOPerModule() throws {
    var files = ["course.yaml": "title: Big\ncompletion: {require: lessons}\n"]
    // 1,100 lessons × 4-character codes: more than SCORM 1.2's 4,096 characters in one SCO, less per module.
    for module in 1...11 {
        for lesson in 1...100 { files["\(module)-m\(module)/\(lesson)-l\(lesson).md"] = "# Lesson \(module).\(lesson)\n" }
    }
    let course = try TemporaryCourse(files)
    #expect {
        try ScormPackager.contents(try source(course.url), options: PackageOptions(edition: .scorm12))
    } throws: { error in
        let message = (error as? PackageError)?.message ?? ""
        return message.contains("4096") && message.contains("--format scorm2004") && message.contains("--sco-per-module")
    }
    let (_, report) = try ScormPackager.contents(try source(course.url), options: PackageOptions(edition: .scorm12, layout: .perModule))
    #expect(report.suspendDataWorstCase <= 4096)
    #expect(try ScormPackager.contents(try source(course.url), options: PackageOptions(edition: .scorm2004)).1.suspendDataWorstCase > 4096)
}
