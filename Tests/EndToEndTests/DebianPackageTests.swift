// scripts/package-deb (issue 16 §3): builds the package (a static release build: minutes), reads it with
// dpkg-deb, installs it into an empty root with dpkg, and runs the installed binary and its service's
// command line with no Swift toolchain library linked. Skipped only where dpkg-deb is missing and
// LECTERN_REQUIRE_DEB is unset; scripts/test sets it, so CI always runs it.
import Foundation
import LecternTesting
import Testing

private let debRequired = ProcessInfo.processInfo.environment["LECTERN_REQUIRE_DEB"] != nil
private let haveDpkgDeb = FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb")

/// The unit's lines that make the service what docs/deploy.md promises.
private let serviceLines = [
    "User=lectern", "Group=lectern", "ExecStart=/usr/bin/lectern serve --config /etc/lectern/serve.conf",
    "StateDirectory=lectern", "StateDirectoryMode=0700", "UMask=0077", "ProtectSystem=strict", "ProtectHome=yes",
    "PrivateTmp=yes", "NoNewPrivileges=yes", "CapabilityBoundingSet=", "AmbientCapabilities=",
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "SystemCallFilter=@system-service", "WantedBy=multi-user.target",
]

@Test(.enabled(if: haveDpkgDeb || debRequired, "dpkg-deb is missing (set LECTERN_REQUIRE_DEB to fail instead)"))
func debianPackageInstallsAndItsServiceStarts() throws {
    #expect(haveDpkgDeb, "LECTERN_REQUIRE_DEB is set but dpkg-deb is missing: install dpkg-dev (scripts/deps)")
    let work = try TemporaryCourse(["keep": ""], name: "deb")
    let built = try runTool(repositoryRoot.appendingPathComponent("scripts/package-deb").path, ["7.8.9~test", "--out", work.url.path])
    try #require(built.status == 0, "\(built.output)")
    let package = try #require(built.output.split(separator: "\n").last.map(String.init))
    let arch = try runTool("dpkg", ["--print-architecture"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(package == work.url.appendingPathComponent("lectern_7.8.9~test_\(arch).deb").path)

    // The control file: the version asked for, Depends from the binary's libraries, no toolchain.
    let field = { (name: String) in try runTool("dpkg-deb", ["-f", package, name]).output.trimmingCharacters(in: .whitespacesAndNewlines) }
    #expect(try field("Package") == "lectern" && field("Version") == "7.8.9~test" && field("Architecture") == arch)
    let depends = try field("Depends")
    for library in ["libc6", "libsqlite3-0", "libsodium23", "libmicrohttpd12", "libyaml-0-2", "libzip4", "libxml2", "libqrencode4", "fonts-dejavu-core"] {
        #expect(depends.contains(library), "\(depends)")
    }
    #expect(!depends.contains("swift"), "\(depends)")
    let conffiles = try runTool("dpkg-deb", ["--info", package, "conffiles"]).output
    #expect(conffiles == "/etc/lectern/serve.conf\n/etc/lectern/backup.conf\n")

    // Every file root's, with the modes Debian expects.
    var entries: [String: (mode: String, owner: String)] = [:]
    for line in try runTool("dpkg-deb", ["-c", package]).output.split(separator: "\n") {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        entries[parts[5]] = (parts[0], parts[1])
    }
    #expect(entries.values.allSatisfy { $0.owner == "root/root" })
    let expected = [
        "./usr/bin/lectern": "-rwxr-xr-x", "./lib/systemd/system/lectern.service": "-rw-r--r--",
        "./lib/systemd/system/lectern-backup.service": "-rw-r--r--", "./lib/systemd/system/lectern-backup.timer": "-rw-r--r--",
        "./usr/lib/sysusers.d/lectern.conf": "-rw-r--r--", "./etc/lectern/serve.conf": "-rw-r--r--", "./etc/lectern/backup.conf": "-rw-r--r--",
        "./usr/share/doc/lectern/deploy.md": "-rw-r--r--", "./usr/share/lectern/sample-courses/digital-literacy/course.yaml": "-rw-r--r--",
    ]
    for (path, mode) in expected { #expect(entries[path]?.mode == mode, "\(path): \(String(describing: entries[path]))") }

    // Installed into an empty root: with dpkg itself when root (its scripts run there, DPKG_ROOT set), or unpacked.
    let root = work.url.appendingPathComponent("root")
    let asRoot = getuid() == 0
    if asRoot {
        for folder in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "etc"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["var/lib/dpkg/status", "etc/passwd", "etc/group"] { try Data().write(to: root.appendingPathComponent(file)) }
        // The libraries are the host's: this root holds only the package, so its dependencies are forced.
        let installed = try runTool("dpkg", ["--root=\(root.path)", "--force-script-chrootless", "--force-depends", "--log=/dev/null", "-i", package])
        try #require(installed.status == 0, "\(installed.output)")
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("lectern:") }, "\(passwd)").split(separator: ":", omittingEmptySubsequences: false)
        #expect(user[5] == "/var/lib/lectern" && user[6] == "/usr/sbin/nologin" && Int(user[2])! < 1000, "\(user)")
        // The config may hold a password one day: root's, readable by the service's group only.
        let config = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("etc/lectern/serve.conf").path)
        #expect(config[.posixPermissions] as? Int == 0o640 && (config[.groupOwnerAccountID] as? NSNumber)?.intValue == Int(user[3])!)
        // Enabled as deb-systemd-helper enables: the wants links exist.
        for link in ["etc/systemd/system/multi-user.target.wants/lectern.service", "etc/systemd/system/timers.target.wants/lectern-backup.timer"] {
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent(link).path))?.hasSuffix(link.split(separator: "/").last.map(String.init)!) == true, "\(link)")
        }
    } else {
        #expect(try runTool("dpkg-deb", ["-x", package, root.path]).status == 0)
    }

    let units = root.appendingPathComponent("lib/systemd/system")
    let service = try String(contentsOf: units.appendingPathComponent("lectern.service"), encoding: .utf8)
    let lines = Set(service.split(separator: "\n").map(String.init))
    for line in serviceLines { #expect(lines.contains(line), "lectern.service lacks '\(line)'") }
    #expect(lines.contains("ExecReload=/bin/kill -HUP $MAINPID"), "systemctl reload lectern sends SIGHUP")
    let backup = try String(contentsOf: units.appendingPathComponent("lectern-backup.service"), encoding: .utf8)
    #expect(backup.contains("ExecStart=/usr/bin/lectern db backup /var/lib/lectern/backups/ --keep ${LECTERN_BACKUP_KEEP} --db ${LECTERN_DB}"))
    #expect(backup.contains("User=lectern") && backup.contains("StateDirectoryMode=0700"))
    let timer = try String(contentsOf: units.appendingPathComponent("lectern-backup.timer"), encoding: .utf8)
    #expect(timer.contains("OnCalendar=daily") && timer.contains("Persistent=true") && timer.contains("WantedBy=timers.target"))

    // The installed binary needs no toolchain library.
    let lectern = root.appendingPathComponent("usr/bin/lectern")
    let ldd = try runTool("ldd", [lectern.path]).output
    #expect(!ldd.contains("libswift") && !ldd.contains("/opt/swift") && !ldd.contains("libFoundation") && !ldd.contains("not found"), "\(ldd)")
    let version = try runTool(lectern.path, ["--version"])
    #expect(version.status == 0 && version.output.hasPrefix("lectern "), "\(version.output)")

    // The shipped config, read by the installed binary: the course and database moved into this root.
    let data = work.url.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let course = root.appendingPathComponent("usr/share/lectern/sample-courses/digital-literacy").path
    let overrides = [course, "--db", data.appendingPathComponent("lectern.db").path, "--port", "0"]
    let config = root.appendingPathComponent("etc/lectern/serve.conf").path
    let doctor = try runTool(lectern.path, ["doctor", "--config", config] + overrides)
    #expect(doctor.status == 0 && doctor.output.contains("ok       courses: \(course): ") && doctor.output.contains("ok       clock: "), "\(doctor.output)")

    // The service's own command line (ExecStart), run as systemd would, answers with the course.
    let execStart = try #require(lines.first { $0.hasPrefix("ExecStart=") }).dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
    #expect(execStart.first == "/usr/bin/lectern")
    let server = try LecternProcess(Array(execStart.dropFirst()).map { $0 == "/etc/lectern/serve.conf" ? config : $0 } + overrides, executable: lectern)
    #expect(try server.get("/digital-literacy/index.html").status == 200)
    #expect(try server.request("GET", "/api/v1/ready").status == 200)
    // ExecReload, as systemd runs it with $MAINPID: the courses are loaded again.
    #expect(try runTool("/bin/kill", ["-HUP", String(server.process.processIdentifier)]).status == 0)
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline, try server.request("GET", "/api/v1/ready").json["courses_reload"] as? Int != 1 { Thread.sleep(forTimeInterval: 0.1) }
    #expect(try server.request("GET", "/api/v1/ready").json["courses_reload"] as? Int == 1)
    #expect(server.stop() == 0)
    let afterwards = try runTool(lectern.path, ["doctor", "--config", config] + overrides)
    #expect(afterwards.status == 0 && afterwards.output.contains("ok       secret: "), "\(afterwards.output)")

    // The backup service's command line, with the shipped backup.conf's values, into this root's state folder.
    let backupConf = try String(contentsOf: root.appendingPathComponent("etc/lectern/backup.conf"), encoding: .utf8)
    var environment: [String: String] = [:]
    for line in backupConf.split(separator: "\n") where !line.hasPrefix("#") {
        let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 { environment[parts[0]] = parts[1] }
    }
    #expect(environment == ["LECTERN_DB": "/var/lib/lectern/lectern.db", "LECTERN_BACKUP_KEEP": "14"])
    let backupStart = try #require(backup.split(separator: "\n").first { $0.hasPrefix("ExecStart=") }).dropFirst("ExecStart=".count)
        .replacingOccurrences(of: "${LECTERN_BACKUP_KEEP}", with: environment["LECTERN_BACKUP_KEEP"] ?? "")
        .replacingOccurrences(of: "${LECTERN_DB}", with: environment["LECTERN_DB"] ?? "")
        .replacingOccurrences(of: "/var/lib/lectern/", with: data.path + "/").split(separator: " ").map(String.init)
    let backedUp = try runTool(lectern.path, Array(backupStart.dropFirst()))
    #expect(backedUp.status == 0 && backedUp.output.hasPrefix("backed up to \(data.path)/backups/lectern-"), "\(backedUp.output)")

    // systemd's own reading of the units, with ExecStart pointing at this root's binary.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") {
        let copies = work.url.appendingPathComponent("units")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        for name in ["lectern.service", "lectern-backup.service", "lectern-backup.timer"] {
            let text = try String(contentsOf: units.appendingPathComponent(name), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/bin/lectern", with: lectern.path).write(to: copies.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let verify = try runTool("systemd-analyze", ["verify"] + ["lectern.service", "lectern-backup.service", "lectern-backup.timer"].map { copies.appendingPathComponent($0).path })
        #expect(verify.status == 0 && verify.output.isEmpty, "\(verify.output)")
    }
}
