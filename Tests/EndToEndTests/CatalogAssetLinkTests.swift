// A catalog writes each shared asset once: the other courses' copies are hard links to it, and every
// course folder still holds all it needs.
import Foundation
import LecternTesting
import Testing

@Test func coursesOfACatalogShareTheirAssetsThroughHardLinks() throws {
    let lesson = "# Loops\n\n" + String(repeating: "Loops repeat a block of code. ", count: 60) + "\n\n```python\nfor x in y:\n    pass\n```\n"
    let alpha = try TemporaryCourse(["course.yaml": "title: Alpha\ncompletion: {require: lessons}\n", "01-a/01-x.md": lesson], name: "alpha")
    let beta = try TemporaryCourse(["course.yaml": "title: Beta\ncompletion: {require: lessons}\n", "01-a/01-x.md": lesson], name: "beta")
    let out = alpha.url.deletingLastPathComponent().appendingPathComponent("site")
    let built = try runLectern("build", alpha.url.path, beta.url.path, "--out", out.path, "--gzip")
    #expect(built.exitCode == 0, "\(built.stderr)")

    let manager = FileManager.default
    let assets = try manager.contentsOfDirectory(atPath: out.appendingPathComponent("beta/assets").path)
    #expect(assets.contains { $0.hasSuffix(".css.gz") }, "\(assets)")
    #expect(assets.count >= 8, "\(assets)")
    func inode(_ path: String) throws -> (number: UInt64, links: Int) {
        let attributes = try manager.attributesOfItem(atPath: out.appendingPathComponent(path).path)
        return ((attributes[.systemFileNumber] as! NSNumber).uint64Value, (attributes[.referenceCount] as! NSNumber).intValue)
    }
    for name in assets {
        let (a, b) = (try inode("alpha/assets/" + name), try inode("beta/assets/" + name))
        #expect(a.number == b.number && b.links == 2, "beta/assets/\(name) is not a link to alpha's")
    }
    // Pages stay each course's own, and a course folder copied alone (links become files) is complete.
    #expect(try inode("alpha/a/x.html").links == 1)
    let alone = out.deletingLastPathComponent().appendingPathComponent("beta-alone")
    try manager.copyItem(at: out.appendingPathComponent("beta"), to: alone)
    for name in assets {
        #expect(manager.contents(atPath: alone.appendingPathComponent("assets/" + name).path)
                == manager.contents(atPath: out.appendingPathComponent("alpha/assets/" + name).path))
    }
    #expect(try inode("beta/assets/" + assets[0]).links == 2, "copying made no change to the site")
}
