import CourseModel
import Foundation
import LecternTesting
import Packaging
import Testing
import Zip

/// A SCORM 1.2 manifest as authoring tools write them: nested items, `xml:base` on the resources and on
/// one resource, launch parameters, a mastery score, and a description in IMS metadata.
private let thirdPartyManifest = """
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest identifier="com.example.fire" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
      xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
      <metadata>
        <schema>ADL SCORM</schema>
        <schemaversion>1.2</schemaversion>
        <imsmd:lom><imsmd:general>
          <imsmd:title><imsmd:langstring xml:lang="en">Fire safety (metadata)</imsmd:langstring></imsmd:title>
          <imsmd:description><imsmd:langstring xml:lang="en">What to do when the alarm rings.</imsmd:langstring></imsmd:description>
        </imsmd:general></imsmd:lom>
      </metadata>
      <organizations default="main">
        <organization identifier="other"><title>Not this one</title>
          <item identifier="x" identifierref="r2"><title>X</title></item>
        </organization>
        <organization identifier="main"><title>Fire Safety</title>
          <item identifier="m1"><title>Module one</title>
            <item identifier="intro" identifierref="r1" parameters="?start=1"><title>Introduction</title>
              <adlcp:masteryscore>80</adlcp:masteryscore></item>
          </item>
          <item identifier="exam" identifierref="r2"><title>Exit test</title></item>
        </organization>
      </organizations>
      <resources xml:base="content/">
        <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="intro/index.html"><file href="intro/index.html"/></resource>
        <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" xml:base="test/" href="index.html"><file href="index.html"/></resource>
      </resources>
    </manifest>
    """

private func zip(_ files: [String: String]) throws -> (TemporaryCourse, String) {
    let folder = try TemporaryCourse(["keep": ""], name: "zip")
    let path = folder.url.appendingPathComponent("package.zip").path
    let writer = ZipWriter(path: path)
    for (name, text) in files { writer.add(Data(text.utf8), at: name) }
    try writer.close()
    return (folder, path)
}

@Test func aThirdPartyScorm12ManifestIsReadWithItsScosBasesAndMasteryScore() throws {
    let (folder, path) = try zip(["imsmanifest.xml": thirdPartyManifest, "content/intro/index.html": "<p>intro</p>",
                                  "content/test/index.html": "<p>test</p>"])
    defer { withExtendedLifetime(folder) {} }
    let contents = try ScormPackageInspector.inspect(zip: path)
    #expect(contents.edition == .scorm12)
    #expect(contents.title == "Fire Safety", "the default organization's title")
    #expect(contents.description == "What to do when the alarm rings.")
    #expect(contents.scos == [
        ScormSco(identifier: "intro", title: "Introduction", launch: "content/intro/index.html?start=1", masteryScore: 80),
        ScormSco(identifier: "exam", title: "Exit test", launch: "content/test/index.html", masteryScore: nil),
    ])
    #expect(contents.entryCount == 3)
}

@Test func aScormManifestIsCheckedAgainstTheSchemasAndItsLaunchFiles() throws {
    let (folder, path) = try zip(["imsmanifest.xml": thirdPartyManifest, "content/intro/index.html": "<p>intro</p>"])
    defer { withExtendedLifetime(folder) {} }
    #expect(throws: ScormPackageRefusal.self) { try ScormPackageInspector.inspect(zip: path) }
    do { _ = try ScormPackageInspector.inspect(zip: path) } catch {
        #expect(error.code == "missing_launch_file" && error.message.contains("content/test/index.html"), "\(error.message)")
    }
    let invalid = thirdPartyManifest.replacingOccurrences(of: "<adlcp:masteryscore>80</adlcp:masteryscore>",
                                                          with: "<adlcp:masteryscore>eighty</adlcp:masteryscore>")
    let (other, broken) = try zip(["imsmanifest.xml": invalid, "content/intro/index.html": "", "content/test/index.html": ""])
    defer { withExtendedLifetime(other) {} }
    do { _ = try ScormPackageInspector.inspect(zip: broken); Issue.record("accepted a mastery score of 'eighty'") } catch {
        #expect(error.code == "invalid_manifest" && error.message.contains("masteryscore 'eighty' is not a number from 0 to 100"), "\(error.message)")
    }
    // What the official schema itself refuses: a boolean that is not one.
    let unschematic = thirdPartyManifest.replacingOccurrences(of: #"<item identifier="exam" identifierref="r2">"#,
                                                              with: #"<item identifier="exam" identifierref="r2" isvisible="maybe">"#)
    let (third, refused) = try zip(["imsmanifest.xml": unschematic, "content/intro/index.html": "", "content/test/index.html": ""])
    defer { withExtendedLifetime(third) {} }
    do { _ = try ScormPackageInspector.inspect(zip: refused); Issue.record("accepted isvisible='maybe'") } catch {
        #expect(error.code == "invalid_manifest" && error.message.hasPrefix("imsmanifest.xml:") && error.message.contains("isvisible"),
                "\(error.message)")
    }
}
