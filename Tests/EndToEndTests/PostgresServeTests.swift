// Several `lectern serve` processes on one PostgreSQL database, and a kiosk's SQLite database moved there.
import CourseModel
import Foundation
import LecternTesting
import Testing

/// A fresh database on the test process's PostgreSQL cluster (PostgreSQL is required for these tests).
private func postgresDatabase(_ data: TemporaryCourse) throws -> String {
    try #require(try TestPostgres.location(.postgres, in: data.url, name: "shared"), "PostgreSQL is not installed (scripts/deps)")
}

@Test func twoInstancesOnOneDatabaseShareAccountsTokensAndTheActivityLog() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let database = try postgresDatabase(data)
    try addUser(database, email: "admin@example.org", username: "admin", role: "admin")
    let course = sampleCourse("python-foundations").path
    let first = try LecternProcess(["serve", course, "--port", "0", "--db", database])
    let second = try LecternProcess(["serve", course, "--port", "0", "--db", database])
    // Signed in on one, recognised on the other: the signing secret is the database's.
    let tokens = try registerAndLogin(first, "ines")
    let auth = ["Authorization": "Bearer \(try #require(tokens["access_token"] as? String))"]
    #expect(try second.request("GET", "/api/v1/users/me", headers: auth).json["username"] as? String == "ines")
    #expect(try second.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
    #expect(try first.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 409)
    // A refresh token is spent once, whichever instance sees it; the replay on the other is refused.
    let refresh = try #require(tokens["refresh_token"] as? String)
    #expect(try second.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": refresh]).status == 200)
    #expect(try first.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": refresh]).status == 401)
    // One activity log: the sign-in on the first instance, read through the second.
    let admin = ["Authorization": "Bearer \(try token(second, "admin"))"]
    let log = try second.request("GET", "/api/v1/activity-log?type=login", headers: admin)
    let logins = (log.json["items"] as? [[String: Any]] ?? []).compactMap { $0["user_id"] as? Int }
    #expect(logins.count == 2, "\(log.text)")
}

@Test func migrateToCopiesAKioskIntoPostgreSQLCompletely() throws {
    let data = try TemporaryCourse(["keep": ""], name: "data")
    let kiosk = data.url.appendingPathComponent("kiosk.db").path
    let course = try Loader.load(sampleCourse("python-foundations")).course
    var server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", kiosk])
    var topic: Int?
    for name in ["anna", "boris"] {
        let auth = ["Authorization": "Bearer \(try #require(try registerAndLogin(server, name)["access_token"] as? String))"]
        #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)
        #expect(try server.request("POST", "/api/v1/progress/lessons/\(course.lessons[0].id)/complete", headers: auth).status == 200)
        #expect(try server.request("POST", "/api/v1/quizzes/\(course.quizzes[0].id)/attempts", headers: auth).status == 201)
        // A discussion topic and a reply to it: a table that refers to itself.
        if let topic {
            #expect(try server.request("POST", "/api/v1/discussion/\(topic)/replies", json: ["body": "Same here"], headers: auth).status == 201)
        } else {
            topic = try server.request("POST", "/api/v1/courses/python-foundations/discussion", json: ["title": "Stuck", "body": "Help"], headers: auth).json["id"] as? Int
        }
    }
    #expect(server.stop() == 0)
    #expect(try runLectern("classes", "create", "5A", "--db", kiosk).exitCode == 0)
    #expect(try runLectern("classes", "add-member", "5A", "anna", "boris", "--db", kiosk).exitCode == 0)

    let database = try postgresDatabase(data)
    let copied = try runLectern("db", "migrate-to", database, "--db", kiosk)
    #expect(copied.exitCode == 0, "\(copied.stderr)")
    let rows = copied.stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
    let byTable = Dictionary(rows.dropFirst().filter { $0.count == 6 }.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
    #expect(byTable["user"]?[1] == "2" && byTable["enrollment"]?[1] == "2" && byTable["lesson_completion"]?[1] == "2" && byTable["attempt"]?[1] == "2",
            "\(copied.stdout)")
    #expect(byTable.values.allSatisfy { $0[1] == $0[3] && $0[2] == $0[4] && $0[5] == "yes" }, "\(copied.stdout)")
    #expect(copied.stdout.contains("copied "))
    // The same answers from both databases.
    let (kioskExport, copyExport) = (try runLectern("export", "progress", "--db", kiosk), try runLectern("export", "progress", "--db", database))
    #expect(copyExport.exitCode == 0 && copyExport.stdout == kioskExport.stdout && copyExport.stdout.contains("anna"), "\(copyExport.stdout)")
    #expect(try runLectern("users", "list", "--db", database).stdout == (try runLectern("users", "list", "--db", kiosk).stdout))
    #expect(byTable["class"]?[1] == "1" && byTable["class_member"]?[1] == "2" && byTable["discussion_post"]?[1] == "2", "\(copied.stdout)")
    #expect(try runLectern("classes", "list", "--db", database).stdout == (try runLectern("classes", "list", "--db", kiosk).stdout))
    // A class made after the copy takes the next id.
    #expect(try runLectern("classes", "create", "5B", "--db", database).stdout.contains("(id 2)"))
    // Into a database that is no longer empty: refused, nothing doubled.
    let again = try runLectern("db", "migrate-to", database, "--db", kiosk)
    #expect(again.exitCode == 1 && again.stderr.contains("migrate into an empty one"), "\(again.stderr)")

    // The same learners sign in with the same passwords and find their progress; new ids follow the copied ones.
    server = try LecternProcess(["serve", sampleCourse("python-foundations").path, "--port", "0", "--db", database])
    let auth = ["Authorization": "Bearer \(try token(server, "anna"))"]
    let mine = try server.request("GET", "/api/v1/enrollments/my-courses", headers: auth)
    #expect(mine.status == 200 && mine.text.contains("python-foundations"), "\(mine.text)")
    let created = try server.request("POST", "/api/v1/auth/register",
                                     json: ["email": "cyril@example.org", "username": "cyril", "password": studentPassword, "name": "Cyril"])
    #expect(created.status == 201 && created.json["id"] as? Int == 3, "\(created.text)")
}
