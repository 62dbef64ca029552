// `lectern serve --config FILE` (issue 16 §3): the serve options one `key = value` a line, relative paths
// read from the file's folder, the command line winning, and every mistake placed at FILE:LINE:COLUMN.
import Foundation
import LecternTesting
import Testing

@Test func serveReadsItsOptionsFromAConfigFileAndTheCommandLineWins() throws {
    let folder = try TemporaryCourse(["serve.conf": """
    # a kiosk's settings
    courses = \(sampleCourse("digital-literacy").path), courses/huerto-escolar

    port = 9
    db = data/kiosk.db
      sign-in-rate-limit = 5
    """], name: "etc")
    try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("courses"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: sampleCourse("huerto-escolar"), to: folder.url.appendingPathComponent("courses/huerto-escolar"))
    // --port 0 overrides the file's port 9; relative paths (a course, the db) are read from the file's folder.
    let server = try LecternProcess(["serve", "--config", folder.url.appendingPathComponent("serve.conf").path, "--port", "0"])
    #expect(server.port != 9)
    #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("data/kiosk.db").path))
    #expect(try server.get("/digital-literacy/index.html").status == 200)
    #expect(try server.get("/huerto-escolar/index.html").status == 200)
    // The file's sign-in limit (5 a minute) is the one in force.
    var statuses: [Int] = []
    for _ in 1...6 {
        statuses.append(try server.request("POST", "/api/v1/auth/login", json: ["login": "nobody", "password": "not the password at all"]).status)
    }
    #expect(statuses.last == 429, "\(statuses)")
    #expect(server.stop() == 0)
}

@Test func courseFoldersOnTheCommandLineReplaceTheConfigFilesCourses() throws {
    let folder = try TemporaryCourse(["serve.conf": "courses = \(sampleCourse("digital-literacy").path)\nport = 0\ndb = kiosk.db\n"], name: "etc")
    let server = try LecternProcess(["serve", sampleCourse("huerto-escolar").path, "--config", folder.url.appendingPathComponent("serve.conf").path])
    #expect(try server.get("/huerto-escolar/index.html").status == 200)
    #expect(try server.get("/digital-literacy/index.html").status == 404)
}

@Test func configFileMistakesAreReportedAtTheirLineAndColumn() throws {
    let folder = try TemporaryCourse(["keep": ""], name: "etc")
    let cases: [(String, String)] = [
        ("port = 8080\nprot = 80\n", "bad.conf:2:1: error: unknown key 'prot' (did you mean 'port'?)"),
        ("# comment\n  port =   eighty\n", "bad.conf:2:12: error: 'port' must be a number from 0 to 65535, not 'eighty'"),
        ("trusted-proxy = 10.0.0.1,10.0.0.x\n", "bad.conf:1:17: error: 'trusted-proxy': '10.0.0.x' is not an IP address"),
        ("port = 1\nport = 2\n", "bad.conf:2:1: error: 'port' is set twice (first on line 1)"),
        ("port 8080\n", "bad.conf:1:1: error: expected 'key = value', found 'port 8080'"),
        ("courses = a,,b\n", "bad.conf:1:11: error: 'courses' lists an empty folder name in 'a,,b'"),
        ("db =\n", "bad.conf:1:5: error: 'db' has no value"),
        ("config = other.conf\n", "bad.conf:1:1: error: unknown key 'config'"),
        // Columns count characters: each no-break space (2 bytes in UTF-8) is one.
        ("port = 8080\nscorm-port = 8080\n", "bad.conf:2:14: error: 'scorm-port' must be 'off' or a number from 0 to 65535 other than the kiosk's port, not '8080'"),
        ("scorm-origin = https://scorm.example/path\n",
         "bad.conf:1:16: error: 'scorm-origin' must be an http:// or https:// origin without a path, such as https://scorm.school.example, not 'https://scorm.example/path'"),
        ("\u{00A0}\u{00A0}max-connections = 1\n", "bad.conf:1:21: error: 'max-connections' must be a number from 16 to 1000000, not '1'"),
    ]
    for (text, expected) in cases {
        try folder.write(text, to: "bad.conf")
        let result = try runLectern(["serve", "--config", "bad.conf"], in: folder.url)
        #expect(result.exitCode == 64 && result.stderr.contains("lectern serve: " + expected), "\(text): \(result.stderr)")
    }
    // The same file gives the same answer to doctor: one parser.
    try folder.write("rate-limt = 5\n", to: "bad.conf")
    let doctor = try runLectern(["doctor", "--config", "bad.conf"], in: folder.url)
    #expect(doctor.exitCode == 64 && doctor.stderr.contains("bad.conf:1:1: error: unknown key 'rate-limt' (did you mean 'rate-limit'?)"), "\(doctor.stderr)")
    let missing = try runLectern(["serve", "--config", "nowhere.conf"], in: folder.url)
    #expect(missing.exitCode == 64 && missing.stderr.contains("cannot read the config file nowhere.conf"), "\(missing.stderr)")
}
