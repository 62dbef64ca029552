// Hosted SCORM packages played on the kiosk in headless Chromium against a real server: the player page
// (scorm-player.html) frames the runtime page of the second origin (`--scorm-port`), which frames the SCO;
// commits reach the server through the player page only. Lectern's own packages complete and resume;
// hand-written SCOs call every data model element of each edition and check each error code; the package's
// origin cannot reach the kiosk's token; the second origin serves package files only, with its own CSP.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LecternTesting
import Testing

/// A kiosk with an instructor who uploads `zip`, and a signed-in learner enrolled in the package's course.
private struct PlayerKiosk {
    let server: LecternProcess
    let data: TemporaryCourse
    let files: URL
    let package: [String: Any]
    let learner: String
    var id: Int { package["id"] as? Int ?? 0 }
    var base: String { "http://127.0.0.1:\(server.port)" }

    init(_ zip: Data) throws {
        files = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-files-" + UUID().uuidString)
        (server, data) = try startServer(staff: [("teach", "teach@example.org", "instructor")], options: ["--files", files.path])
        let teacher = try token(server, "teach")
        let uploaded = try server.request("POST", "/api/v1/scorm-packages", body: zip,
                                          headers: ["Authorization": "Bearer \(teacher)", "Content-Type": "application/zip"])
        #expect(uploaded.status == 201, "\(uploaded.text)")
        package = uploaded.json
        learner = try #require(try registerAndLogin(server, "maria")["access_token"] as? String)
        // Launch and commits require an enrollment in the package's course (its slug).
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": package["slug"] as? String ?? ""],
                                   headers: ["Authorization": "Bearer \(learner)"]).status == 201)
    }

    func launch(_ sco: String) throws -> [String: Any] {
        let answer = try server.request("GET", "/api/v1/scorm-packages/\(id)/launch?sco=\(sco)", headers: ["Authorization": "Bearer \(learner)"])
        #expect(answer.status == 200, "\(answer.text)")
        return answer.json
    }

    var scos: [String] { (package["scos"] as? [[String: Any]] ?? []).compactMap { $0["identifier"] as? String } }

    /// Opens the player as the learner and enters the SCO's frame (inside the runtime page's).
    func play(_ browser: Browser, signIn first: Bool) throws {
        if first { try signIn(browser, base, "maria") }
        try browser.leaveFrames()
        try browser.open(URL(string: "\(base)/scorm-player.html?package=\(id)")!)
        try enterRuntime(browser)
    }

    func enterRuntime(_ browser: Browser) throws {
        try browser.leaveFrames()
        try browser.wait(until: "document.querySelector('.scorm-frame') !== null", timeout: 10)
        try browser.enterFrame(".scorm-frame")
        try browser.wait(until: "window.lecternSession !== undefined && document.getElementById('sco') !== null", timeout: 10)
    }
}

private func done(_ browser: Browser) throws {
    try browser.leaveFrames()
    try browser.wait(until: "!document.getElementById('lectern-scorm-done').hidden", timeout: 10)
    try browser.wait(until: "document.getElementById('lectern-scorm-status').textContent === 'Progress saved.'", timeout: 10)
}

@Test(arguments: ["scorm12", "scorm2004"])
func lecternsOwnPackagePlaysOnTheKioskCompletesAndResumes(format: String) throws {
    let kiosk = try PlayerKiosk(try lecternScormPackage(format, course: "huerto-escolar"))
    defer { withExtendedLifetime(kiosk.data) {}; try? FileManager.default.removeItem(at: kiosk.files) }
    let sco = try #require(kiosk.scos.first)
    #expect(kiosk.scos.count == 1)
    let browser = try Browser()
    try kiosk.play(browser, signIn: true)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete'", timeout: 10)
    let config = try #require(try browser.execute("""
        return JSON.parse(document.getElementById('sco').contentWindow.document.getElementById('scorm-config').textContent);
        """) as? [String: Any])
    // Absolute: `show` sets the location from the runtime page, which is not in the package's folder.
    let folder = "/" + (kiosk.package["sha256"] as? String ?? "") + "/"
    let lessons = try #require(config["lessons"] as? [[String: Any]]).compactMap { ($0["href"] as? String).map { folder + $0 } }
    let quizzes = try #require(config["quizzes"] as? [[String: Any]]).compactMap { ($0["href"] as? String).map { folder + $0 } }
    #expect(!lessons.isEmpty && !quizzes.isEmpty)
    for lesson in lessons { try show(lesson, in: browser) }
    for quiz in quizzes {
        try show(quiz, in: browser)
        try answerQuiz(in: browser, correctly: true)
    }
    // Reading a 2004 element never set answers 403, as the standard says: Lectern's SCO asks to learn that.
    let refused = try browser.execute("""
        return window.lecternSession.errors.filter(e => !(e[0] === 'get' && e[e.length - 1] === '403')).map(e => JSON.stringify(e));
        """) as? [String]
    #expect(refused == [], "the runtime refused nothing")
    // Closing the course ends the session; the player sends the last commit and says the session is over.
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try done(browser)

    let stored = try kiosk.launch(sco)
    let cmi = try #require(stored["cmi"] as? [String: String])
    #expect(stored["entry"] as? String == "resume", "\(stored)")
    let (status, location, exit) = format == "scorm12"
        ? ("cmi.core.lesson_status", "cmi.core.lesson_location", "cmi.core.exit") : ("cmi.completion_status", "cmi.location", "cmi.exit")
    #expect(cmi[status] == (format == "scorm12" ? "passed" : "completed"), "\(cmi)")
    if format == "scorm2004" { #expect(cmi["cmi.success_status"] == "passed", "\(cmi)") }
    #expect(cmi[exit] == "suspend" && cmi["cmi.suspend_data"]?.isEmpty == false && cmi[location]?.isEmpty == false, "\(cmi)")
    #expect(cmi.keys.contains { $0.hasPrefix("cmi.interactions.") })
    let sequence = try #require(stored["sequence"] as? Int)
    #expect(sequence >= 1)
    // The package's course records the played SCO as done, as the learner's progress and the course's analytics show.
    let slug = kiosk.package["slug"] as? String ?? ""
    let progress = try kiosk.server.request("GET", "/api/v1/progress/courses/\(slug)", headers: ["Authorization": "Bearer \(kiosk.learner)"]).json
    #expect(progress["completed_lessons"] as? [String] == [sco] && progress["percentage"] as? Double == 100, "\(progress)")
    let analytics = try kiosk.server.request("GET", "/api/v1/analytics/courses/\(slug)",
                                             headers: ["Authorization": "Bearer \(try token(kiosk.server, "teach"))"])
    #expect(analytics.status == 200 && analytics.text.contains(sco), "\(analytics.text)")
    // The served catalog lists the package beside the authored courses, opening it in the player.
    try browser.open(URL(string: "\(kiosk.base)/index.html")!)
    try browser.wait(until: "document.querySelector('.course-card[data-slug=\"\(slug)\"] a') !== null", timeout: 10)
    #expect(try browser.execute("return document.querySelector('.course-card[data-slug=\"\(slug)\"] a').getAttribute('href')") as? String
            == "scorm-player.html?package=\(kiosk.id)")

    // Launched again: resume, at the bookmark, with the progress restored.
    try kiosk.play(browser, signIn: false)
    #expect(try browser.execute("return window.lecternSession.cmi[arguments[0]]", [format == "scorm12" ? "cmi.core.entry" : "cmi.entry"]) as? String == "resume")
    try browser.wait(until: "\(coursePage).document.readyState === 'complete' && !\(coursePage).location.pathname.endsWith('/lectern-sco.html')", timeout: 10)
    let resumedAt = try browser.execute("return \(coursePage).location.pathname") as? String ?? ""
    #expect(resumedAt.hasSuffix(cmi[location] ?? "?"), "\(resumedAt)")
    try show(folder + "index.html", in: browser)
    try browser.wait(until: "\(coursePage).document.querySelectorAll('.syllabus-item.is-complete').length === \(lessons.count)", timeout: 5)

    // A commit numbered at or below the last one is refused: a late retry never overwrites newer data.
    let stale = try kiosk.server.request("POST", "/api/v1/scorm-packages/\(kiosk.id)/commits",
                                         json: ["sco": sco, "attempt": 1, "sequence": sequence, "values": ["cmi.suspend_data": "old"]],
                                         headers: ["Authorization": "Bearer \(kiosk.learner)"])
    #expect(stale.status == 409 && stale.json["code"] as? String == "stale_commit", "\(stale.text)")
}

@Test(arguments: ["scorm12", "scorm2004"])
func aMultiSCOPackageHasATableOfContentsAndKeepsEachSCOsRecord(format: String) throws {
    let kiosk = try PlayerKiosk(try lecternScormPackage(format, perModule: true))
    defer { withExtendedLifetime(kiosk.data) {}; try? FileManager.default.removeItem(at: kiosk.files) }
    let scos = kiosk.scos
    try #require(scos.count == 3)
    let browser = try Browser()
    try kiosk.play(browser, signIn: true)
    try browser.wait(until: "\(coursePage).document.readyState === 'complete'", timeout: 10)
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try done(browser)
    let titles = try browser.execute("return Array.from(document.querySelectorAll('#lectern-scorm-toc button')).map(b => b.textContent)") as? [String]
    #expect(titles == (kiosk.package["scos"] as? [[String: Any]])?.compactMap { $0["title"] as? String })

    let report = try checkRenderedHTML(["player": try pageSource(browser)], in: kiosk.data.url)
    #expect(report.passed, "\(report.output)")

    try browser.click("#lectern-scorm-toc li:nth-child(2) button")
    try kiosk.enterRuntime(browser)
    #expect(try browser.execute("return window.lecternSession.cmi[arguments[0]]", [format == "scorm12" ? "cmi.core.entry" : "cmi.entry"]) as? String == "ab-initio")
    try browser.wait(until: "window.lecternSession.state === 'running'", timeout: 10)
    if format == "scorm2004" {
        #expect(try browser.execute("return API_1484_11.GetValue('adl.nav.request_valid.previous') + API_1484_11.GetValue('adl.nav.request_valid.continue')") as? String == "truetrue")
    }
    try browser.wait(until: "\(coursePage).document.readyState === 'complete'", timeout: 10)
    try browser.execute("document.getElementById('sco').src = 'about:blank';")
    try done(browser)
    #expect(try browser.execute("return document.querySelector('#lectern-scorm-toc [aria-current]') !== null") as? Bool == true)
    // Each SCO has its own record; the first one resumes, the third was never opened.
    #expect(try kiosk.launch(scos[0])["entry"] as? String == "resume")
    #expect(try kiosk.launch(scos[1])["entry"] as? String == "resume")
    #expect(try kiosk.launch(scos[2])["entry"] as? String == "ab-initio")
}

@Test(arguments: ["scorm12", "scorm2004"])
func handWrittenSCOsMeetEveryElementAndErrorCodeOfTheirEdition(format: String) throws {
    let kiosk = try PlayerKiosk(try testSCOPackage(format))
    defer { withExtendedLifetime(kiosk.data) {}; try? FileManager.default.removeItem(at: kiosk.files) }
    let scos = kiosk.scos
    try #require(scos.count == 3)
    let browser = try Browser()
    try kiosk.play(browser, signIn: true)
    try browser.leaveFrames()
    // Framed sandboxed, keeping its own origin: it may never navigate the kiosk's page (with or without a click).
    let sandbox = try browser.execute("return document.querySelector('.scorm-frame') && document.querySelector('.scorm-frame').getAttribute('sandbox')") as? String
    #expect(sandbox?.contains("allow-same-origin") == true && sandbox?.contains("allow-top-navigation") == false, "\(sandbox ?? "no frame")")
    try browser.enterFrame(".scorm-frame")
    try browser.enterFrame("#sco")
    try browser.wait(until: "window.ready === true", timeout: 10)
    let failures = try browser.execute("return window.failures") as? [String] ?? ["?"]
    #expect(failures.isEmpty, "\(failures)")
    #expect(try browser.execute("return window.checked") as? Int ?? 0 > 80)
    // The package's origin has its own, empty storage, and cannot reach the kiosk's page or its token.
    try browser.wait(until: "window.security.otherOrigin !== undefined && window.security.violated !== undefined", timeout: 5)
    let security = try #require(try browser.execute("return window.security") as? [String: String])
    #expect(security == ["ownStorage": "[]", "kioskStorage": "SecurityError", "kioskDocument": "SecurityError", "kioskNavigation": "SecurityError",
                         "otherOrigin": "TypeError", "violated": "connect-src"],
            "\(security)")
    // Messages the player must ignore: from the SCO's window (not the runtime page's), even with the launch's
    // id, and from the kiosk's own origin.
    try browser.execute("""
        const session = window.parent.lecternSession;
        const forged = (source) => ({ type: "lectern-scorm-commit", launchId: session.launchId, sco: session.sco, values: { "cmi.forged": source } });
        window.top.postMessage(forged("sco"), "*");
        window.top.postMessage({ type: "lectern-scorm-terminate", launchId: session.launchId, sco: session.sco, request: "exitAll" }, "*");
        """)
    try browser.leaveFrames()
    try browser.execute("""
        window.postMessage({ type: "lectern-scorm-commit", launchId: "x", sco: arguments[0], values: { "cmi.forged": "kiosk" } }, "*");
        """, [scos[0]])
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try browser.execute("return document.getElementById('lectern-scorm-done').hidden") as? Bool == true, "a forged Terminate was taken")
    try browser.enterFrame(".scorm-frame")
    try browser.enterFrame("#sco")
    let ended = try browser.execute("return window.finishNow('continue')") as? [String] ?? ["?"]
    #expect(ended.isEmpty, "\(ended)")

    try browser.leaveFrames()
    #expect(try browser.execute("return Array.from(document.querySelectorAll('#lectern-scorm-toc button')).map(b => b.dataset.sco)") as? [String] == scos)
    if format == "scorm2004" {
        // continue opened the second SCO, whose {target=…}choice opened the third, whose exitAll ended the session.
        try done(browser)
    } else {
        // 1.2 has no navigation requests: the learner picks the next SCOs in the table of contents.
        try done(browser)
        for index in 1...2 {
            try browser.click("#lectern-scorm-toc li:nth-child(\(index + 1)) button")
            try done(browser)
        }
    }
    for sco in scos.dropFirst() {
        let record = try #require(try kiosk.launch(sco)["cmi"] as? [String: String])
        #expect(record["cmi.suspend_data"] == #"["SecurityError"]"#, "\(sco): \(record)")
    }

    let first = try kiosk.launch(scos[0])
    let cmi = try #require(first["cmi"] as? [String: String])
    #expect(first["entry"] as? String == "resume", "\(first)")
    let expected = format == "scorm12"
        ? ["cmi.core.lesson_location": "page-3", "cmi.suspend_data": "state-1", "cmi.objectives.0.id": "obj-1",
           "cmi.objectives.0.status": "passed", "cmi.student_preference.audio": "50", "cmi.interactions.0.id": "q1", "cmi.interactions.0.result": "correct",
           "cmi.interactions.0.correct_responses.0.pattern": "a", "cmi.comments": "hello", "cmi.core.exit": "suspend", "cmi.core.session_time": "00:01:00",
           "cmi.core.total_time": "0000:01:00.00", "cmi.core.score.raw": "85"]
        : ["cmi.location": "page-3", "cmi.suspend_data": "state-2004", "cmi.score.scaled": "0.9",
           "cmi.completion_status": "incomplete", "cmi.progress_measure": "0.5", "cmi.objectives.0.id": "obj-1", "cmi.objectives.0.score.scaled": "0.8",
           "cmi.comments_from_learner.0.comment": "{lang=en}Nice", "cmi.learner_preference.language": "en-US", "cmi.interactions.0.learner_response": "a[,]b",
           "cmi.interactions.0.objectives.0.id": "obj-1", "cmi.exit": "suspend", "cmi.session_time": "PT1M", "cmi.total_time": "PT1M"]
    for (element, value) in expected { #expect(cmi[element] == value, "\(element): \(cmi[element] ?? "nil")") }
    // Session-only elements and values the runtime refused are never stored.
    #expect(cmi["cmi.core.student_id"] == nil && cmi["cmi.learner_id"] == nil && cmi["adl.nav.request"] == nil, "\(cmi.keys.sorted())")
    #expect(cmi["cmi.forged"] == nil, "a forged commit was taken")
    #expect(!cmi.values.contains { $0.hasPrefix("xxxxxxxx") || $0 == "bogus" })

    // Launched again from the first SCO: resume, and what the first session left is there.
    try kiosk.play(browser, signIn: false)
    try browser.enterFrame("#sco")
    try browser.wait(until: "window.ready === true", timeout: 10)
    #expect(try browser.execute("return window.resumed") as? Bool == true)
    #expect(try browser.execute("return window.failures") as? [String] == [])
}

@Test func theScormOriginServesPackageFilesOnlyWithItsOwnPolicy() throws {
    let kiosk = try PlayerKiosk(try lecternScormPackage("scorm2004"))
    defer { withExtendedLifetime(kiosk.data) {}; try? FileManager.default.removeItem(at: kiosk.files) }
    let player = try kiosk.server.request("GET", "/api/v1/scorm-player", headers: ["Authorization": "Bearer \(kiosk.learner)"])
    let port = try #require(player.json["port"] as? Int)
    #expect(port != kiosk.server.port && player.json["origin"] == nil)
    #expect(try kiosk.server.request("GET", "/api/v1/scorm-player").status == 401)
    let page = try kiosk.server.request("GET", "/scorm-player.html")
    #expect((page.headers["Content-Security-Policy"] as? String)?.contains("frame-src 'self' http://*:\(port) https://*:\(port)") == true)

    func get(_ path: String, method: String = "GET") throws -> (status: Int, text: String, headers: [AnyHashable: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        let (data, response) = try HTTPClient.send(request)
        return (response.statusCode, String(decoding: data, as: UTF8.self), response.allHeaderFields)
    }
    let sha = try #require(kiosk.package["sha256"] as? String)
    let manifest = try get("/\(sha)/imsmanifest.xml")
    #expect(manifest.status == 200 && manifest.text.contains("<manifest"))
    #expect((manifest.headers["Content-Type"] as? String)?.contains("xml") == true)
    let policy = try #require(manifest.headers["Content-Security-Policy"] as? String)
    #expect(policy.contains("default-src 'self'") && policy.contains("script-src 'self' 'unsafe-inline' 'unsafe-eval'")
            && policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'self' http://*:\(kiosk.server.port) https://*:\(kiosk.server.port)"), "\(policy)")
    #expect(manifest.headers["Set-Cookie"] == nil && manifest.headers["X-Content-Type-Options"] as? String == "nosniff")
    let launch = try get("/\(sha)/lectern-sco.html")
    #expect(launch.status == 200 && (launch.headers["Content-Type"] as? String)?.hasPrefix("text/html") == true)
    let runtime = try get("/lectern-runtime/player.html")
    #expect(runtime.status == 200 && runtime.text.contains("scorm-runtime.js"))
    #expect(try get("/lectern-runtime/scorm-runtime.js").text.contains("API_1484_11"))
    // Nothing but package folders: not the kiosk's site or API, not what lies beside or above the folders.
    for path in ["/", "/index.html", "/api/v1/health", "/\(sha)/../../lectern.db", "/\(sha)/%2e%2e/%2e%2e/lectern.db", "/incoming/x",
                 "/\(String(sha.prefix(12)))/imsmanifest.xml", "/lectern-runtime/../\(sha)/nothing.html"] {
        #expect(try get(path).status == 404, "\(path)")
    }
    #expect(try get("/\(sha)/imsmanifest.xml", method: "POST").status == 405)
    #expect(try get("/\(sha)/imsmanifest.xml", method: "HEAD").status == 200)
}

@Test func theScormOriginCanBeTurnedOffOrNamedForAProxy() throws {
    let (off, offData) = try startServer(options: ["--scorm-port", "off"])
    defer { withExtendedLifetime(offData) {} }
    let learner = try #require(try registerAndLogin(off, "ana")["access_token"] as? String)
    let none = try off.request("GET", "/api/v1/scorm-player", headers: ["Authorization": "Bearer \(learner)"])
    #expect(none.status == 404 && none.json["detail"] as? String == "this server does not play SCORM packages (no --scorm-port)")
    #expect(try off.request("GET", "/scorm-player.html").headers["Content-Security-Policy"].map { !"\($0)".contains("frame-src") } == true)

    let (named, namedData) = try startServer(options: ["--scorm-origin", "https://scorm.school.example/", "--public-url", "https://school.example/"])
    defer { withExtendedLifetime(namedData) {} }
    let token = try #require(try registerAndLogin(named, "ana")["access_token"] as? String)
    let address = try named.request("GET", "/api/v1/scorm-player", headers: ["Authorization": "Bearer \(token)"])
    #expect(address.json["origin"] as? String == "https://scorm.school.example" && address.json["port"] as? Int ?? 0 > 0, "\(address.text)")
    let policy = try named.request("GET", "/scorm-player.html").headers["Content-Security-Policy"] as? String ?? ""
    #expect(policy.hasSuffix("frame-src 'self' https://scorm.school.example"), "\(policy)")
    // The SCORM origin may be framed by the public kiosk's origin only.
    let port = try #require(address.json["port"] as? Int)
    let runtime = try HTTPClient.send(URLRequest(url: URL(string: "http://127.0.0.1:\(port)/lectern-runtime/player.html")!))
    #expect((runtime.1.allHeaderFields["Content-Security-Policy"] as? String)?.hasSuffix("frame-ancestors 'self' https://school.example") == true)
}

/// A listening socket on 127.0.0.1 at `port` (0: any); nil when the port is taken.
private func listeningSocket(_ port: Int) -> (descriptor: Int32, port: Int)? {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    guard bound == 0, listen(descriptor, 1) == 0 else { close(descriptor); return nil }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
}

@Test func aBusyDefaultScormPortLeavesTheKioskRunningWithoutThePlayer() throws {
    // A port P whose next one is taken by someone else: the kiosk on P must still start.
    var pair: (kiosk: Int, taken: Int32)?
    for _ in 0..<20 where pair == nil {
        guard let probe = listeningSocket(0) else { continue }
        if let next = listeningSocket(probe.port + 1) { pair = (probe.port, next.descriptor) }
        close(probe.descriptor)
    }
    let (kioskPort, taken) = try #require(pair)
    defer { close(taken) }
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let log = data.url.appendingPathComponent("stderr.txt")
    let server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", String(kioskPort),
                                     "--db", data.url.appendingPathComponent("lectern.db").path], standardError: log)
    defer { _ = server.stop() }
    let page = try server.get("/python-foundations/index.html")
    #expect(server.port == kioskPort && page.status == 200)
    let learner = try #require(try registerAndLogin(server, "ana")["access_token"] as? String)
    #expect(try server.request("GET", "/api/v1/scorm-player", headers: ["Authorization": "Bearer \(learner)"]).status == 404)
    let said = try String(contentsOf: log, encoding: .utf8)
    #expect(said.contains("hosted SCORM packages cannot play: port \(kioskPort + 1) is busy"), "\(said)")
    // Chosen explicitly, the same busy port stops the start.
    let refused = try runLectern("serve", sampleCourse("python-foundations").path, "--port", "0", "--scorm-port", String(kioskPort + 1),
                                 "--db", data.url.appendingPathComponent("other.db").path)
    #expect(refused.exitCode != 0, "\(refused.stdout)")
}
