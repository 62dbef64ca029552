// Printed sign-in cards and first-use passwords, over HTTP and from the command line, on both stores.
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Foundation
import LecternTesting
import Testing

/// The text of a PDF (pdftotext) and the QR codes on its first page (rendered by pdftoppm, read by zbarimg).
private func readBack(_ pdf: Data, in folder: URL) throws -> (text: String, codes: [String]) {
    let file = folder.appendingPathComponent("cards.pdf")
    try pdf.write(to: file)
    let text = try runTool("/usr/bin/pdftotext", [file.path, "-"]).output
    let image = folder.appendingPathComponent("cards")
    #expect(try runTool("/usr/bin/pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", file.path, image.path]).status == 0)
    // zbarimg prints one `--raw` line per code it finds (its warnings about D-Bus go to the same pipe here).
    let decoded = try runTool("/usr/bin/zbarimg", ["-q", "--raw", image.path + ".png"]).output
    return (text, decoded.split(separator: "\n").map(String.init).filter { $0.hasPrefix("http") })
}

/// The first-use passwords printed on cards: three groups of four letters and digits.
private func passwords(in text: String) -> [String] {
    text.matches(of: /\b[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}\b/).map { String($0.0) }
}

/// Signs in, answering the status and the JSON.
private func signIn(_ server: LecternProcess, _ login: String, _ password: String) throws -> (status: Int, json: [String: Any]) {
    let response = try server.request("POST", "/api/v1/auth/login", json: ["login": login, "password": password])
    return (response.status, response.json)
}

/// A first-use password works, but only to choose a new one; then it is spent and the new one works fully.
private func firstUseJourney(_ server: LecternProcess, login: String, firstUse: String) throws {
    let first = try signIn(server, login, firstUse)
    #expect(first.status == 200 && first.json["must_change_password"] as? Bool == true, "\(first)")
    #expect((first.json["user"] as? [String: Any])?["must_change_password"] as? Bool == true)
    let auth = ["Authorization": "Bearer \(try #require(first.json["access_token"] as? String))"]
    // Only reading itself and changing the password work until then.
    let refused = try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth)
    #expect(refused.status == 403 && refused.json["code"] as? String == "password_change_required", "\(refused.text)")
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 403)
    #expect(try server.request("GET", "/api/v1/users/me", headers: auth).status == 200)
    let fresh = "my own purple kite"
    let changed = try server.request("POST", "/api/v1/users/me/password", json: ["current_password": firstUse, "new_password": fresh], headers: auth)
    #expect(changed.status == 204, "\(changed.text)")
    // Spent: the printed password no longer signs in; the learner's own does, with every right.
    #expect(try signIn(server, login, firstUse).status == 401)
    let second = try signIn(server, login, fresh)
    #expect(second.status == 200 && second.json["must_change_password"] as? Bool == false, "\(second)")
    let access = try #require(second.json["access_token"] as? String)
    #expect(try server.request("GET", "/api/v1/enrollments/my-courses", headers: ["Authorization": "Bearer \(access)"]).status == 200)
}

@Test(arguments: StoreKind.tested) func signInCardsFromTheAPIPrintEachLearnerAndTheKioskAddress(_ store: StoreKind) throws {
    // Many sign-ins from one address in a minute: more than the default limit allows.
    let (server, data) = try startServer(store: store, staff: [adminAccount], options: ["--sign-in-rate-limit", "200"])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let adminID = try #require(try server.request("GET", "/api/v1/users/me", headers: admin).json["id"] as? Int)
    var ids: [String: Int] = [:]
    for (login, name) in [("maria", "María José Núñez"), ("ahmed", "Ахмед Кузнецов"), ("wang", "王小明")] {
        let created = try server.request("POST", "/api/v1/auth/register",
                                          json: ["email": "\(login)@example.org", "username": login, "password": studentPassword, "name": name])
        ids[login] = try #require(created.json["id"] as? Int)
    }

    // The cards, with the address the browser used (no --public-url, no url): http:// and the Host header.
    func cards(_ body: [String: Any]) throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/admin/sign-in-cards")!)
        request.httpMethod = "POST"
        request.setValue(admin["Authorization"], forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        return try HTTPClient.send(request)
    }
    let (pdf, response) = try cards(["user_ids": [ids["maria"]!, ids["ahmed"]!]])
    #expect(response.statusCode == 200 && response.value(forHTTPHeaderField: "Content-Type") == "application/pdf"
            && response.value(forHTTPHeaderField: "Cache-Control") == "no-store", "\(String(decoding: pdf, as: UTF8.self))")
    let (text, codes) = try readBack(pdf, in: data.url)
    let address = "http://127.0.0.1:\(server.port)/"
    for expected in ["María José Núñez", "Ахмед Кузнецов", "maria", "ahmed", address] { #expect(text.contains(expected), "\(expected) in \(text)") }
    #expect(codes == [address, address], "\(codes)")
    let printed = passwords(in: text)
    #expect(printed.count == 2 && Set(printed).count == 2, "\(text)")
    // The old password is replaced; each card's password is its learner's (the other card's is not).
    #expect(try signIn(server, "maria", studentPassword).status == 401)
    let mariaPassword = try #require(try printed.first { try signIn(server, "ahmed", $0).status == 401 && signIn(server, "maria", $0).status == 200 })
    try firstUseJourney(server, login: "maria", firstUse: mariaPassword)

    // A url given is printed and encoded instead; labels in the page's language are printed, except one
    // the font cannot set (Arabic, right to left), which is printed in English rather than refused.
    let labels = ["username": "Usuario", "password": "كلمة المرور", "sign_in_at": "Entra en"]
    let (custom, _) = try cards(["user_ids": [ids["ahmed"]!], "url": "https://school.example/kiosk/", "labels": labels])
    let reread = try readBack(custom, in: data.url)
    #expect(reread.codes == ["https://school.example/kiosk/"] && reread.text.contains("https://school.example/kiosk/"), "\(reread)")
    for expected in ["Usuario", "Password", "Entra en", "Use once"] { #expect(reread.text.contains(expected), "\(expected) in \(reread.text)") }
    #expect(!reread.text.contains("Username"))

    // Refusals: clear, and nothing changed.
    let post = { (body: [String: Any]) in try server.request("POST", "/api/v1/admin/sign-in-cards", json: body, headers: admin) }
    #expect(try post(["user_ids": []]).status == 422)
    #expect(try post(["user_ids": [999_999]]).status == 404)
    #expect(try post(["user_ids": [adminID]]).status == 409)
    #expect(try post(["user_ids": [ids["ahmed"]!], "url": "javascript:alert(1)"]).status == 422)
    #expect(try post(["user_ids": [ids["ahmed"]!], "labels": ["username": String(repeating: "x", count: 121)]]).status == 422)
    let unprintable = try post(["user_ids": [ids["ahmed"]!, ids["wang"]!]])
    #expect(unprintable.status == 422 && unprintable.json["code"] as? String == "card_unprintable" && unprintable.text.contains("U+738B"),
            "\(unprintable.text)")
    // Refused as a whole: wang's password is as it was, and ahmed's printed one above still works.
    #expect(try signIn(server, "wang", studentPassword).status == 200)
    let ahmedPassword = try #require(passwords(in: reread.text).first)
    #expect(try signIn(server, "ahmed", ahmedPassword).status == 200)
}

@Test(arguments: StoreKind.tested) func anAdministratorResetsALearnerToAFirstUsePassword(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store, staff: [adminAccount], options: ["--public-url", "https://school.example/lectern/"])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let id = try #require((try registerAndLogin(server, "lucia")["user"] as? [String: Any])?["id"] as? Int)
    // `null` is a wrong type, not a request for a first-use password.
    #expect(try server.request("POST", "/api/v1/users/\(id)/password", json: ["new_password": NSNull()], headers: admin).status == 422)
    #expect(try signIn(server, "lucia", studentPassword).status == 200)
    let reset = try server.request("POST", "/api/v1/users/\(id)/password", json: [String: Any](), headers: admin)
    #expect(reset.status == 200 && reset.json["must_change_password"] as? Bool == true, "\(reset.text)")
    let password = try #require(reset.json["password"] as? String)
    #expect(password.wholeMatch(of: /[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/) != nil)
    #expect(try signIn(server, "lucia", studentPassword).status == 401)
    try firstUseJourney(server, login: "lucia", firstUse: password)
    // A password set by the administrator (as before) needs no change.
    #expect(try server.request("POST", "/api/v1/users/\(id)/password", json: ["new_password": "another fine phrase"], headers: admin).status == 204)
    #expect(try signIn(server, "lucia", "another fine phrase").json["must_change_password"] as? Bool == false)

    // With --public-url, the cards print that address rather than the Host the request came to.
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/admin/sign-in-cards")!)
    request.httpMethod = "POST"
    request.setValue(admin["Authorization"], forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = try JSONSerialization.data(withJSONObject: ["user_ids": [id]])
    let (pdf, _) = try HTTPClient.send(request)
    let (text, codes) = try readBack(pdf, in: data.url)
    #expect(codes == ["https://school.example/lectern/"] && text.contains("https://school.example/lectern/"), "\(codes) \(text)")
}

@Test(arguments: StoreKind.tested) func signInCardsFromTheCommandLine(_ store: StoreKind) throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try #require(try TestPostgres.location(store, in: data.url, name: "lectern"))
    for (login, name) in [("pablo", "Pablo Ruiz"), ("sofia", "Sofía Díaz")] {
        let process = Process()
        process.executableURL = lecternExecutable
        process.arguments = ["users", "add", "--db", database, "--email", "\(login)@example.org", "--username", login, "--name", name]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((studentPassword + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
    try addUser(database, email: "teacher@example.org", username: "teacher", role: "instructor")
    let out = data.url.appendingPathComponent("class.pdf")
    let usage = try runLectern("users", "cards", "pablo", "--out", out.path, "--db", database)
    #expect(usage.exitCode != 0 && usage.stderr.contains("--url"), "\(usage.stderr)")
    let made = try runLectern("users", "cards", "--all-students", "--url", "http://kiosk.local:8080/", "--out", out.path, "--db", database)
    #expect(made.exitCode == 0 && made.stdout.contains("2 sign-in cards"), "\(made.stdout) \(made.stderr)")
    let (text, codes) = try readBack(try Data(contentsOf: out), in: data.url)
    // Students only: the instructor gets no card.
    #expect(text.contains("Pablo Ruiz") && text.contains("Sofía Díaz") && !text.contains("teacher"), "\(text)")
    #expect(codes == ["http://kiosk.local:8080/", "http://kiosk.local:8080/"], "\(codes)")
    #expect(passwords(in: text).count == 2)

    let server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database, "--sign-in-rate-limit", "200"])
    let pablo = try #require(try passwords(in: text).first { try signIn(server, "pablo", $0).status == 200 })
    try firstUseJourney(server, login: "pablo", firstUse: pablo)
    #expect(try signIn(server, "teacher", studentPassword).status == 200)

    // One learner lost their card: a new first-use password from the terminal.
    let reset = try runLectern("users", "reset-password", "sofia", "--first-use", "--db", database)
    let again = try #require(passwords(in: reset.stdout).first, "\(reset.stdout) \(reset.stderr)")
    #expect(reset.exitCode == 0 && reset.stdout.contains("sofia"))
    try firstUseJourney(server, login: "sofia", firstUse: again)
}

@Test func aLongNameAndUsernameStayInsideTheirCard() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = data.url.appendingPathComponent("lectern.db").path
    let username = "wolfgang.amadeus.mozart-salzbur"
    let process = Process()
    process.executableURL = lecternExecutable
    process.arguments = ["users", "add", "--db", database, "--email", "w@example.org", "--username", username,
                         "--name", "Johannes Chrysostomus Wolfgangus Theophilus Mozart von Salzburg und Wien"]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data((studentPassword + "\n").utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    let out = data.url.appendingPathComponent("cards.pdf")
    let made = try runLectern("users", "cards", username, "--url", "http://a-rather-long-kiosk-host-name.school.example:8080/classroom/5a/",
                              "--out", out.path, "--db", database)
    #expect(made.exitCode == 0, "\(made.stderr)")
    // pdftotext -bbox: every word with its box, in points from the page's top left. The first card is
    // the page's top-left quarter less the 28-point margin: nothing may cross its cut line.
    let boxes = try runTool("/usr/bin/pdftotext", ["-bbox", out.path, "-"]).output
    let pageWidth = try #require(boxes.firstMatch(of: /<page width="([0-9.]+)"/).flatMap { Double($0.1) })
    let words = boxes.matches(of: /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<\/word>/)
        .map { (left: Double($0.1)!, right: Double($0.3)!, height: Double($0.4)! - Double($0.2)!, text: String($0.5)) }
    #expect(words.contains { $0.text == username } && words.contains { $0.text == "Salzburg" }, "\(boxes)")
    for word in words { #expect(word.left >= 28 && word.right <= pageWidth / 2, "\(word) crosses the card's cut line") }
    // The address, which has no spaces, is broken after a '.' or '/' rather than shrunk out of sight.
    let address = try #require(words.first { $0.text.hasSuffix("classroom/5a/") }, "\(boxes)")
    #expect(address.height >= 6, "\(address) is too small to read")
}

@Test(arguments: StoreKind.tested) func aClassesInstructorPrintsItsCardsAndResetsItsLearnersPasswords(_ store: StoreKind) throws {
    let (server, data) = try startServer(store: store, staff: [adminAccount, ("ada", "ada@example.org", "instructor"), ("bob", "bob@example.org", "instructor")],
                                         options: ["--public-url", "http://kiosk.school.example/"])
    let ada = ["Authorization": "Bearer \(try token(server, "ada"))"], bo = ["Authorization": "Bearer \(try token(server, "bob"))"]
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    var ids: [String: Int] = [:]
    for name in ["ana", "ben", "outsider"] {
        ids[name] = try #require((try registerAndLogin(server, name)["user"] as? [String: Any])?["id"] as? Int)
    }
    let created = try server.request("POST", "/api/v1/classes", json: ["name": "5A"], headers: ada)
    let classID = try #require(created.json["id"] as? Int, "\(created.text)")
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/members", json: ["user_ids": [ids["ana"]!, ids["ben"]!]], headers: ada).status < 300)

    // The class's instructor prints its learners' cards; another instructor, a learner and anonymous may not.
    let (pdf, response) = try HTTPClient.send({
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/classes/\(classID)/sign-in-cards")!)
        request.httpMethod = "POST"
        for (field, value) in ada { request.setValue(value, forHTTPHeaderField: field) }
        return request
    }())
    #expect(response.statusCode == 200 && response.value(forHTTPHeaderField: "Content-Type") == "application/pdf")
    let read = try readBack(pdf, in: data.url)
    #expect(read.text.contains("ana") && read.text.contains("ben") && !read.text.contains("outsider") && passwords(in: read.text).count == 2, "\(read.text)")
    #expect(read.codes.allSatisfy { $0 == "http://kiosk.school.example/" } && read.codes.count == 2, "\(read.codes)")
    let printed = passwords(in: read.text)
    #expect(try signIn(server, "ana", printed[0]).status == 200 || (try signIn(server, "ben", printed[0])).status == 200)
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/sign-in-cards", headers: bo).status == 403)
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/sign-in-cards", headers: ["Authorization": "Bearer \(try token(server, "outsider"))"]).status == 403)
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/sign-in-cards").status == 401)
    #expect(try server.request("POST", "/api/v1/classes/999/sign-in-cards", headers: ada).status == 404)
    let stranger = try server.request("POST", "/api/v1/classes/\(classID)/sign-in-cards", json: ["user_ids": [ids["outsider"]!]], headers: ada)
    #expect(stranger.status == 422, "\(stranger.text)")
    #expect(try server.request("POST", "/api/v1/classes/\(classID)/sign-in-cards", json: ["user_ids": [ids["ben"]!]], headers: admin).status == 200)

    // Resets: the class's instructor for its learners only; another instructor for none.
    let reset = try server.request("POST", "/api/v1/users/\(ids["ben"]!)/password", json: [:], headers: ada)
    #expect(reset.status == 200 && reset.json["must_change_password"] as? Bool == true, "\(reset.text)")
    #expect(try signIn(server, "ben", try #require(reset.json["password"] as? String)).status == 200)
    #expect(try server.request("POST", "/api/v1/users/\(ids["outsider"]!)/password", json: [:], headers: ada).status == 403)
    #expect(try server.request("POST", "/api/v1/users/\(ids["ben"]!)/password", json: [:], headers: bo).status == 403)
    #expect(try server.request("POST", "/api/v1/users/\(ids["ana"]!)/password", json: [:], headers: admin).status == 200)
}
