// Hosting SCORM packages on the kiosk: uploads checked before anything is extracted, refusals that leave
// nothing behind, listing and removal. Over real HTTP, on both stores.
import Foundation
import LecternTesting
import Testing

/// A server with two instructors ("teach", "other"), an admin, and its files folder in the temporary folder.
func startHostingServer(_ store: StoreKind) throws -> (LecternProcess, TemporaryCourse, files: URL) {
    let files = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-files-" + UUID().uuidString)
    let (server, data) = try startServer(store: store, staff: [adminAccount, ("teach", "teach@example.org", "instructor"),
                                                               ("other", "other@example.org", "instructor")],
                                         options: ["--files", files.path])
    return (server, data, files)
}

/// Lectern's own package of a sample course, built with `lectern package` (one SCO per module with `perModule`).
func lecternScormPackage(_ format: String, course: String = "digital-literacy", perModule: Bool = false) throws -> Data {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scorm-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let zip = folder.appendingPathComponent("package.zip")
    let result = try runLectern(["package", sampleCourse(course).path, "--format", format, "--out", zip.path] + (perModule ? ["--sco-per-module"] : []))
    #expect(result.exitCode == 0, "\(result.stderr)")
    return try Data(contentsOf: zip)
}

/// A hostile or broken ZIP written by Python's zipfile, which writes what libzip-based tools refuse to
/// (names with `..`, links, patched sizes). `source` is a valid package some cases start from.
func craftedZip(_ kind: String, from source: Data) throws -> Data {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crafted-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.zip"), output = folder.appendingPathComponent("out.zip")
    try source.write(to: input)
    let (status, text) = try runTool("python3", ["-c", craftScript, kind, input.path, output.path])
    #expect(status == 0, "\(text)")
    return try Data(contentsOf: output)
}

private let craftScript = #"""
import re, struct, sys, zipfile
kind, source, out = sys.argv[1:4]
src = zipfile.ZipFile(source)
manifest = src.read("imsmanifest.xml").decode()
launch = re.search(r'<resource [^>]*href="([^"]+)"', manifest).group(1)
def copy(z, skip=()):
    for info in src.infolist():
        if info.filename not in skip: z.writestr(info, src.read(info))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    if kind in ("slip", "absolute", "backslash", "symlink", "many", "huge"):
        copy(z)
    if kind == "slip": z.writestr("../../evil.html", "x")
    if kind == "absolute": z.writestr("/tmp/evil.html", "x")
    if kind == "backslash": z.writestr("assets\\..\\..\\evil.html", "x")
    if kind == "symlink":
        link = zipfile.ZipInfo("assets/passwd")
        link.create_system = 3
        link.external_attr = (0o120777 << 16)
        z.writestr(link, "/etc/passwd")
    if kind == "many":
        for i in range(10001): z.writestr("filler/%d.txt" % i, "")
    if kind == "huge": z.writestr("big.bin", b"\0" * 1000)
    if kind == "invalid":
        copy(z, skip=("imsmanifest.xml",))
        z.writestr("imsmanifest.xml", manifest.replace("<organizations", "<organisations").replace("</organizations", "</organisations"))
    if kind == "malformed":
        copy(z, skip=("imsmanifest.xml",))
        z.writestr("imsmanifest.xml", manifest[: len(manifest) // 2])
    if kind == "nomanifest": copy(z, skip=("imsmanifest.xml",))
    if kind == "mastery":
        # SCORM 1.2: the first SCO gets a mastery score of 80, so the kiosk grades it.
        copy(z, skip=("imsmanifest.xml",))
        marked = re.sub(r'(<item [^>]*identifierref="[^"]+"[^>]*>\s*<title>[^<]*</title>)', r'\1<adlcp:masteryscore>80</adlcp:masteryscore>', manifest, count=1)
        assert marked != manifest
        z.writestr("imsmanifest.xml", marked)
    if kind == "nolaunch": copy(z, skip=(launch,))
    if kind == "corrupt": copy(z)
if kind == "huge":
    # Declare 3.9 GB for big.bin in the central directory: a bomb is refused from its declared size.
    data = bytearray(open(out, "rb").read())
    at = data.rfind(b"PK\x01\x02")
    name_len = struct.unpack_from("<H", data, at + 28)[0]
    assert data[at + 46: at + 46 + name_len] == b"big.bin"
    struct.pack_into("<I", data, at + 24, 0xF0000000)
    open(out, "wb").write(bytes(data))
if kind == "notzip": open(out, "wb").write(b"this is not a zip file at all")
if kind == "corrupt":
    # Flip bytes inside the launch file's compressed data: only its checksum, met while extracting, tells.
    data = bytearray(open(out, "rb").read())
    z = zipfile.ZipFile(out)
    info = z.getinfo(launch)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 5, start + 15): data[i] ^= 0xFF
    open(out, "wb").write(bytes(data))
"""#

func upload(_ server: LecternProcess, _ zip: Data, token: String?) throws -> (status: Int, json: [String: Any], text: String) {
    var headers = ["Content-Type": "application/zip"]
    if let token { headers["Authorization"] = "Bearer \(token)" }
    let answer = try server.request("POST", "/api/v1/scorm-packages", body: zip, headers: headers)
    return (answer.status, answer.json, answer.text)
}

/// Files and folders left in the SCORM folder (nothing half-extracted or refused may stay).
private func scormFolderContents(_ files: URL) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: files.appendingPathComponent("scorm").path)) ?? []
}

@Test(arguments: StoreKind.tested) func scormPackagesAreUploadedListedAndRemoved(_ store: StoreKind) throws {
    let (server, data, files) = try startHostingServer(store)
    defer { withExtendedLifetime(data) {}; try? FileManager.default.removeItem(at: files) }
    let scorm12 = try lecternScormPackage("scorm12"), scorm2004 = try lecternScormPackage("scorm2004")
    let student = try #require(try registerAndLogin(server, "maria")["access_token"] as? String)
    let teacher = try token(server, "teach"), admin = try token(server, "admin"), other = try token(server, "other")

    #expect(try upload(server, scorm12, token: nil).status == 401)
    #expect(try upload(server, scorm12, token: student).status == 403)
    #expect(scormFolderContents(files).isEmpty)

    let first = try upload(server, scorm12, token: teacher)
    #expect(first.status == 201, "\(first.text)")
    #expect(first.json["edition"] as? String == "scorm12")
    #expect(first.json["title"] as? String == "Safe and Smart Online")
    #expect((first.json["description"] as? String)?.isEmpty == false)
    let sha = try #require(first.json["sha256"] as? String)
    #expect(first.json["slug"] as? String == "scorm-" + sha.prefix(12))
    let scos = try #require(first.json["scos"] as? [[String: Any]])
    #expect(!scos.isEmpty && scos.allSatisfy { ($0["launch"] as? String)?.isEmpty == false })
    #expect(FileManager.default.fileExists(atPath: files.appendingPathComponent("scorm/\(sha)/imsmanifest.xml").path))
    #expect(scormFolderContents(files) == [sha], "extracted aside, then renamed into place")

    let again = try upload(server, scorm12, token: admin)
    #expect(again.status == 409 && again.json["code"] as? String == "already_hosted", "\(again.text)")

    let second = try upload(server, scorm2004, token: admin)
    #expect(second.status == 201 && second.json["edition"] as? String == "scorm2004", "\(second.text)")

    let list = try server.request("GET", "/api/v1/scorm-packages", headers: ["Authorization": "Bearer \(student)"])
    #expect(list.status == 200)
    let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]])
    #expect(listed.compactMap { $0["edition"] as? String } == ["scorm12", "scorm2004"])

    let id = try #require(first.json["id"] as? Int)
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)", headers: ["Authorization": "Bearer \(student)"]).json["sha256"] as? String == sha)
    #expect(try server.request("DELETE", "/api/v1/scorm-packages/\(id)", headers: ["Authorization": "Bearer \(student)"]).status == 403)
    #expect(try server.request("DELETE", "/api/v1/scorm-packages/\(id)", headers: ["Authorization": "Bearer \(other)"]).status == 403,
            "another instructor's package")
    #expect(try server.request("DELETE", "/api/v1/scorm-packages/\(id)", headers: ["Authorization": "Bearer \(teacher)"]).status == 204)
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)", headers: ["Authorization": "Bearer \(admin)"]).status == 404)
    #expect(!scormFolderContents(files).contains(sha), "the removed package's files are gone")
    #expect(scormFolderContents(files).count == 1)
}

@Test(arguments: StoreKind.tested) func refusedScormPackagesLeaveNothingBehind(_ store: StoreKind) throws {
    let (server, data, files) = try startHostingServer(store)
    defer { withExtendedLifetime(data) {}; try? FileManager.default.removeItem(at: files) }
    let valid = try lecternScormPackage("scorm2004")
    let admin = try token(server, "admin")
    let cases: [(kind: String, code: String, mentions: String)] = [
        ("slip", "unsafe_path", "../../evil.html"), ("absolute", "unsafe_path", "/tmp/evil.html"),
        ("backslash", "unsafe_path", "backslash"), ("symlink", "symlink", "assets/passwd"),
        ("many", "too_many_entries", "10000"), ("huge", "too_large", "bytes"),
        ("invalid", "invalid_manifest", "imsmanifest.xml:"), ("malformed", "invalid_manifest", "not well-formed"),
        ("nomanifest", "no_manifest", "imsmanifest.xml"), ("nolaunch", "missing_launch_file", "does not hold"),
        ("notzip", "not_a_zip", "ZIP"), ("corrupt", "damaged", "damaged"),
    ]
    for (kind, code, mentions) in cases {
        let answer = try upload(server, try craftedZip(kind, from: valid), token: admin)
        #expect(answer.status == 422, "\(kind): \(answer.text)")
        #expect(answer.json["code"] as? String == code, "\(kind): \(answer.text)")
        #expect((answer.json["detail"] as? String)?.contains(mentions) == true, "\(kind): \(answer.text)")
    }
    #expect(scormFolderContents(files).isEmpty, "nothing extracted")
    let incoming = (try? FileManager.default.contentsOfDirectory(atPath: files.appendingPathComponent("incoming").path)) ?? []
    #expect(incoming.isEmpty, "no upload kept")
    let list = try server.request("GET", "/api/v1/scorm-packages", headers: ["Authorization": "Bearer \(admin)"])
    #expect(list.text == "[]")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.html"))
}

@Test(arguments: StoreKind.tested) func aScormFolderIsHostedAtStartThroughTheSameChecks(_ store: StoreKind) throws {
    let scorm = try TemporaryCourse(["keep": ""], name: "scorm")
    let valid = try lecternScormPackage("scorm12")
    try valid.write(to: scorm.url.appendingPathComponent("safe.zip"))
    try craftedZip("slip", from: valid).write(to: scorm.url.appendingPathComponent("slip.zip"))
    try craftedZip("symlink", from: valid).write(to: scorm.url.appendingPathComponent("link.zip"))
    let files = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-files-" + UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: files) }
    let (server, data) = try startServer(store: store, staff: [adminAccount],
                                         options: ["--files", files.path, "--scorm-dir", scorm.url.path])
    defer { withExtendedLifetime(data) {} }
    let admin = try token(server, "admin")
    // Hosted right after the courses are served: wait for the one good package.
    var listed: [[String: Any]] = []
    for _ in 0..<100 where listed.isEmpty {
        let list = try server.request("GET", "/api/v1/scorm-packages", headers: ["Authorization": "Bearer \(admin)"])
        listed = (try? JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [[String: Any]]) ?? []
        if listed.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
    }
    #expect(listed.count == 1 && listed.first?["edition"] as? String == "scorm12")
    #expect(listed.first?["uploaded_by"] == nil)
    #expect(scormFolderContents(files).count == 1, "the refused ZIPs left nothing")
}

@Test(arguments: StoreKind.tested) func scormCommitsAreTakenInOrderAndResumed(_ store: StoreKind) throws {
    let (server, data, files) = try startHostingServer(store)
    defer { withExtendedLifetime(data) {}; try? FileManager.default.removeItem(at: files) }
    let package = try upload(server, try lecternScormPackage("scorm12"), token: try token(server, "admin"))
    let id = try #require(package.json["id"] as? Int)
    let sco = try #require((package.json["scos"] as? [[String: Any]])?.first?["identifier"] as? String)
    let maria = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "maria")["access_token"] as? String))"]
    let jose = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "jose")["access_token"] as? String))"]
    let teacher = ["Authorization": "Bearer \(try token(server, "teach"))"]
    func commit(_ sequence: Int, _ values: [String: String], as headers: [String: String] = maria) throws -> (status: Int, json: [String: Any], text: String) {
        let answer = try server.request("POST", "/api/v1/scorm-packages/\(id)/commits",
                                        json: ["sco": sco, "attempt": 1, "sequence": sequence, "values": values], headers: headers)
        return (answer.status, answer.json, answer.text)
    }

    // A package is a course: its learners enroll before they launch or commit.
    let slug = try #require(package.json["slug"] as? String)
    let unenrolled = try server.request("GET", "/api/v1/scorm-packages/\(id)/launch?sco=\(sco)", headers: maria)
    #expect(unenrolled.status == 403 && unenrolled.text.contains("enroll in '\(slug)' first"), "\(unenrolled.text)")
    #expect(try commit(1, ["cmi.suspend_data": "early"]).status == 403)
    for learner in [maria, jose] {
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": slug], headers: learner).status == 201)
    }
    let first = try server.request("GET", "/api/v1/scorm-packages/\(id)/launch?sco=\(sco)", headers: maria)
    #expect(first.status == 200 && first.json["entry"] as? String == "ab-initio" && first.json["sequence"] as? Int == 0, "\(first.text)")
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)/launch", headers: teacher).status == 403, "staff do not play packages")
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)/launch?sco=nope", headers: maria).status == 404)

    #expect(try commit(1, ["cmi.core.lesson_location": "page-2", "cmi.suspend_data": "a=1"]).status == 200)
    #expect(try commit(2, ["cmi.suspend_data": "a=2", "cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete"]).status == 200)
    let replayed = try commit(2, ["cmi.suspend_data": "replayed"])
    #expect(replayed.status == 409 && replayed.json["code"] as? String == "stale_commit", "\(replayed.text)")
    #expect(try commit(1, ["cmi.suspend_data": "stale"]).json["code"] as? String == "stale_commit")
    #expect(try commit(0, [:]).status == 422)
    #expect(try commit(3, ["window.token": "x"]).status == 422, "only data model elements")
    #expect(try commit(3, ["cmi.suspend_data": String(repeating: "x", count: 64_001)]).status == 422)
    #expect(try commit(3, ["cmi.suspend_data": "x"], as: teacher).status == 403)

    let resumed = try server.request("GET", "/api/v1/scorm-packages/\(id)/launch?sco=\(sco)", headers: maria)
    #expect(resumed.json["entry"] as? String == "resume" && resumed.json["sequence"] as? Int == 2, "\(resumed.text)")
    let cmi = try #require(resumed.json["cmi"] as? [String: String])
    #expect(cmi == ["cmi.core.lesson_location": "page-2", "cmi.suspend_data": "a=2", "cmi.core.exit": "suspend",
                    "cmi.core.lesson_status": "incomplete"], "merged in order; refused commits changed nothing")
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)/launch", headers: jose).json["entry"] as? String == "ab-initio",
            "per learner")

    #expect(try commit(3, ["cmi.core.exit": "", "cmi.core.lesson_status": "completed"]).status == 200)
    #expect(try server.request("GET", "/api/v1/scorm-packages/\(id)/launch", headers: maria).json["entry"] as? String == "",
            "after a normal exit the next session is neither new nor resumed")
}

@Test(arguments: StoreKind.tested) func scormAttemptsEndAsEachEditionSays(_ store: StoreKind) throws {
    let (server, data, files) = try startHostingServer(store)
    defer { withExtendedLifetime(data) {}; try? FileManager.default.removeItem(at: files) }
    let admin = try token(server, "admin")
    let maria = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, "maria")["access_token"] as? String))"]
    for edition in ["scorm12", "scorm2004"] {
        let package = try upload(server, try lecternScormPackage(edition), token: admin)
        let id = try #require(package.json["id"] as? Int, "\(package.text)"), slug = try #require(package.json["slug"] as? String)
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": slug], headers: maria).status == 201)
        let v12 = edition == "scorm12"
        let (status, exit) = v12 ? ("cmi.core.lesson_status", "cmi.core.exit") : ("cmi.completion_status", "cmi.exit")
        func launch() throws -> [String: Any] { try server.request("GET", "/api/v1/scorm-packages/\(id)/launch", headers: maria).json }
        func commit(_ attempt: Int, _ sequence: Int, _ values: [String: String], terminated: Bool = false) throws -> (status: Int, code: String?) {
            let sco = try #require(launch()["sco"] as? String)
            let answer = try server.request("POST", "/api/v1/scorm-packages/\(id)/commits",
                                            json: ["sco": sco, "attempt": attempt, "sequence": sequence, "values": values, "terminated": terminated],
                                            headers: maria)
            return (answer.status, answer.json["code"] as? String)
        }

        // Suspended: the same attempt resumes, whatever the status.
        #expect(try commit(1, 1, [status: "incomplete", exit: "suspend", "cmi.suspend_data": "p=4"], terminated: true).status == 200)
        var launched = try launch()
        #expect(launched["attempt"] as? Int == 1 && launched["entry"] as? String == "resume" && launched["sequence"] as? Int == 1, "\(launched)")
        // Left without suspending while incomplete: SCORM 2004 ends the attempt; 1.2 keeps the learner's place.
        #expect(try commit(1, 2, [exit: ""], terminated: true).status == 200)
        launched = try launch()
        if v12 {
            #expect(launched["attempt"] as? Int == 1 && launched["entry"] as? String == "" && (launched["cmi"] as? [String: String])?["cmi.suspend_data"] == "p=4", "\(launched)")
            #expect(try commit(1, 3, [status: "completed"], terminated: true).status == 200)
            launched = try launch()
        }
        #expect(launched["attempt"] as? Int == 2 && launched["entry"] as? String == "ab-initio" && launched["sequence"] as? Int == 0
                && (launched["cmi"] as? [String: String]) == [:], "\(edition): \(launched)")
        // A window still on the ended attempt is refused; the new attempt numbers its commits from 1.
        #expect(try commit(1, 9, ["cmi.suspend_data": "late"]) == (409, "stale_attempt"))
        #expect(try commit(3, 1, ["cmi.suspend_data": "ahead"]) == (409, "stale_attempt"))
        #expect(try commit(2, 1, ["cmi.suspend_data": "again"]).status == 200)
        launched = try launch()
        #expect(launched["attempt"] as? Int == 2 && (launched["cmi"] as? [String: String]) == ["cmi.suspend_data": "again"], "\(launched)")
    }
}
