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

@Test func scorm12ManifestCarriesMetadataAndScormTypeButNoMasteryScore() throws {
    let (site, _) = try ScormPackager.contents(try source(sampleCourse("python-foundations")), options: PackageOptions(edition: .scorm12))
    let xml = manifest(of: site)
    #expect(xml.contains("<schemaversion>1.2</schemaversion>"))
    #expect(xml.contains("<imsmd:langstring xml:lang=\"en\">Python Foundations</imsmd:langstring>"))
    #expect(xml.contains("<imsmd:keyword>"))
    // The SCO's own status stands: an LMS given a mastery score would judge the score itself.
    #expect(!xml.contains("masteryscore"))
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
    // No judging by measure (no cmi.scaled_passing_score): the SCOs' own success rolls up.
    #expect(!xml.contains("minNormalizedMeasure") && !xml.contains("satisfiedByMeasure"))
    #expect(xml.contains("<imsss:primaryObjective objectiveID=\"OBJ-getting-started\"/>"))
    #expect(xml.contains("<imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>"))
    #expect(xml.contains("<imsss:rollupRules rollupObjectiveSatisfied=\"true\" rollupProgressCompletion=\"true\"/>"))
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
    #expect(!names.contains { $0.hasPrefix("theme/") || ($0.hasSuffix(".md") && $0 != "NOTICE-schemas.md") || $0.hasSuffix(".yaml") })
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

@Test(arguments: ScormEdition.allCases)
func packagesShipTheSchemasTheirManifestNames(edition: ScormEdition) throws {
    let (site, _) = try ScormPackager.contents(try source(sampleCourse("huerto-escolar")), options: PackageOptions(edition: edition, validate: true))
    let xml = manifest(of: site)
    // Every schema location (relative to the manifest) is a file of the package, listed in the manifest.
    let locations = try #require(xml.firstMatch(of: /xsi:schemaLocation="([^"]*)"/)).1.split(separator: " ").enumerated()
        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    #expect(locations.count == (edition == .scorm12 ? 3 : 6))
    for location in locations {
        #expect(site.files[location] != nil, "\(location)")
        #expect(xml.contains("<file href=\"\(location)\"/>"))
    }
    // With what they import, and their notice.
    let imported = edition == .scorm12 ? ["ims_xml.xsd"] : ["common/elementTypes.xsd", "vocab/strict.xsd", "imsss_v1p0rollup.xsd", "xml.xsd"]
    for file in imported + ["NOTICE-schemas.md"] { #expect(site.files[file] != nil, "\(file)") }
    #expect(!site.files.keys.contains { $0.hasSuffix("-all.xsd") })
}

/// Every href, src and action of every page of a package stays inside it and names one of its files
/// (an LMS shows the package in a frame: a link out of it is a 404 there).
@Test(arguments: ["python-foundations", "digital-literacy", "huerto-escolar"], ScormEdition.allCases)
func nothingInAPackageLinksOutsideIt(sample: String, edition: ScormEdition) throws {
    for layout in [ScoLayout.single, .perModule] {
        let (site, _) = try ScormPackager.contents(try source(sampleCourse(sample)), options: PackageOptions(edition: edition, layout: layout))
        var problems: [String] = []
        for (path, _) in site.files where path.hasSuffix(".html") {
            let html = site.text(path) ?? ""
            for match in html.matches(of: /\s(?:href|src|action|poster)="([^"]*)"/) {
                let value = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
                if value.isEmpty || value.hasPrefix("#") || value.hasPrefix("data:") || value.hasPrefix("mailto:") { continue }
                if value.hasPrefix("http://") || value.hasPrefix("https://") { continue }   // the web, opened on purpose
                // Resolve against the page's folder by hand: a URL would clamp "../" at the root.
                var folders = path.split(separator: "/").dropLast().map(String.init)
                let relative = value.prefix { $0 != "?" && $0 != "#" }
                var escapes = value.hasPrefix("/") || value.contains(":")
                for part in relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
                    if part == ".." { if folders.popLast() == nil { escapes = true } } else if part != "." { folders.append(part) }
                }
                let file = folders.joined(separator: "/").removingPercentEncoding ?? ""
                if escapes || (site.files[file] == nil && site.files[file + "index.html"] == nil) { problems.append("\(path): \(value)") }
            }
        }
        #expect(problems.isEmpty, "\(sample) \(edition) \(layout): \(problems.prefix(10))")
    }
}

@Test func scorm2004ModulesWithoutQuizzesTakeNoPartInTheCoursesSatisfaction() throws {
    // huerto-escolar: the first module has lessons only, the second a quiz.
    let (site, _) = try ScormPackager.contents(try source(sampleCourse("huerto-escolar")),
                                               options: PackageOptions(edition: .scorm2004, layout: .perModule, validate: true))
    let xml = manifest(of: site)
    let items = xml.components(separatedBy: "<item identifier=").dropFirst()
    #expect(items.count == 2)
    #expect(items.first?.contains("<imsss:rollupRules rollupObjectiveSatisfied=\"false\" objectiveMeasureWeight=\"0\"/>") == true)
    #expect(items.first?.contains("primaryObjective") == false)
    #expect(items.last?.contains("<imsss:primaryObjective objectiveID=") == true)
    #expect(items.last?.contains("rollupObjectiveSatisfied=\"false\"") == false)
}

@Test func packagesCarryNoServerCode() throws {
    for layout in [ScoLayout.single, .perModule] {
        let (site, _) = try ScormPackager.contents(try source(sampleCourse("python-foundations")), options: PackageOptions(edition: .scorm2004, layout: layout))
        let scripts = site.files.keys.filter { $0.hasSuffix(".js") }.map { String($0.split(separator: "/").last!) }
        #expect(!scripts.contains { $0.hasPrefix("server") || $0.hasPrefix("dashboard") || $0.hasPrefix("admin") }, "\(scripts)")
        #expect(scripts.contains { $0.hasPrefix("scorm.") } && scripts.contains { $0.hasPrefix("quiz.") })
        for (path, _) in site.files where path.hasSuffix(".html") {
            #expect(site.text(path)?.contains("lectern-server-scripts") == false, "\(path)")
        }
    }
}
