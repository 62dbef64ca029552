// Every request, refresh and sign-in sees an account's current state: disabled, unapproved, deleted.
import CourseModel
import Foundation
import LecternTesting
import Testing

private func bearer(_ token: Any?) throws -> [String: String] {
    ["Authorization": "Bearer \(try #require(token as? String))"]
}

private func activities(_ server: LecternProcess, _ admin: [String: String], type: String) throws -> [[String: Any]] {
    let log = try server.request("GET", "/api/v1/activity-log?type=\(type)", headers: admin)
    return log.json["items"] as? [[String: Any]] ?? []
}

@Test(arguments: StoreKind.tested) func aDisabledAccountStopsWritingAtOnce(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let lesson = try Loader.load(sampleCourse("python-foundations")).course.lessons[0].id
    let tokens = try registerAndLogin(server, "dora")
    let auth = try bearer(tokens["access_token"])
    let id = try #require((tokens["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/enrollments", json: ["course": "python-foundations"], headers: auth).status == 201)

    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["active": false], headers: admin).status == 200)
    // The access token is still within its 15 minutes, and still refused everywhere.
    #expect(try server.request("POST", "/api/v1/progress/lessons/\(lesson)/complete", headers: auth).status == 403)
    #expect(try server.request("POST", "/api/v1/reviews", json: ["course": "python-foundations", "rating": 5], headers: auth).status == 403)
    #expect(try server.request("POST", "/api/v1/quizzes/\(try Loader.load(sampleCourse("python-foundations")).course.quizzes[0].id)/attempts",
                               headers: auth).status == 403)
    #expect(try server.request("PATCH", "/api/v1/users/me", json: ["name": "Still Here"], headers: auth).status == 403)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": tokens["refresh_token"]!]).status == 401)
    let shown = try server.request("GET", "/api/v1/users?search=dora", headers: admin)
    #expect((shown.json["items"] as? [[String: Any]])?.first?["name"] as? String == "Dora")
}

@Test func aDeletedAccountsTokenCannotWriteItsNameBack() throws {
    let (server, data) = try startServer(staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let tokens = try registerAndLogin(server, "gone")
    let auth = try bearer(tokens["access_token"])
    let id = try #require((tokens["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("DELETE", "/api/v1/users/\(id)", headers: admin).status == 204)

    #expect(try server.request("PATCH", "/api/v1/users/me", json: ["name": "Gone Again", "email": "gone@example.org"], headers: auth).status == 401)
    #expect(try server.request("POST", "/api/v1/users/me/password",
                               json: ["current_password": studentPassword, "new_password": "another long passphrase"], headers: auth).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": tokens["refresh_token"]!]).status == 401)
    // The anonymised row in the database holds neither the name nor the email.
    let listed = try runLectern("users", "list", "--db", data.url.appendingPathComponent("lectern.db").path)
    #expect(!listed.stdout.contains("Gone") && !listed.stdout.contains("gone@example.org"), "\(listed.stdout)")
}

@Test(arguments: StoreKind.tested) func withdrawingApprovalEndsAnInstructorsAccessAndRefresh(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount, ("ada", "ada.okafor@example.org", "instructor")])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let signedIn = try server.request("POST", "/api/v1/auth/login", json: ["login": "ada", "password": studentPassword]).json
    let teacher = try bearer(signedIn["access_token"])
    let id = try #require((signedIn["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("GET", "/api/v1/analytics/courses/python-foundations", headers: teacher).status == 200)

    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["approved": false], headers: admin).status == 200)
    #expect(try server.request("GET", "/api/v1/analytics/courses/python-foundations", headers: teacher).status == 403)
    #expect(try server.request("GET", "/api/v1/analytics/courses", headers: teacher).status == 403)
    // Refresh used to check only `active`: an unapproved instructor kept getting fresh access tokens.
    let refreshed = try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": signedIn["refresh_token"]!])
    #expect(refreshed.status == 401, "\(refreshed.text)")
}

@Test(arguments: StoreKind.tested) func aRefusedSignInDoesNotConfirmThePassword(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let id = try #require((try registerAndLogin(server, "frozen")["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["active": false], headers: admin).status == 200)
    let right = try server.request("POST", "/api/v1/auth/login", json: ["login": "frozen", "password": studentPassword])
    let wrong = try server.request("POST", "/api/v1/auth/login", json: ["login": "frozen", "password": "not the password at all"])
    #expect(right.status == 403 && right.status == wrong.status && right.text == wrong.text, "\(right.text) / \(wrong.text)")

    // An instructor waiting for approval: the same for a right and a wrong password.
    _ = try server.request("POST", "/api/v1/auth/register",
                           json: ["email": "wait@example.org", "username": "waiting", "password": studentPassword, "role": "instructor"])
    let waitingRight = try server.request("POST", "/api/v1/auth/login", json: ["login": "waiting", "password": studentPassword])
    let waitingWrong = try server.request("POST", "/api/v1/auth/login", json: ["login": "waiting", "password": "not the password at all"])
    #expect(waitingRight.status == 403 && waitingRight.text == waitingWrong.text, "\(waitingRight.text) / \(waitingWrong.text)")

    // Logged as refusals, not as sign-ins.
    #expect(try activities(server, admin, type: "login.refused").count == 4)
    let logins = try activities(server, admin, type: "login").compactMap { $0["user_id"] as? Int }
    #expect(logins.filter { $0 == id }.count == 1, "only the sign-in before the account was disabled: \(logins)")
}

@Test(arguments: StoreKind.tested) func anAccountNamedLikeAnAnonymisedOneDoesNotBlockDeletion(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let id = try #require((try registerAndLogin(server, "alice")["user"] as? [String: Any])?["id"] as? Int)
    try registerAndLogin(server, "deleted-\(id)")
    let deleted = try server.request("DELETE", "/api/v1/users/\(id)", headers: admin)
    #expect(deleted.status == 204, "\(deleted.text)")
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "alice", "password": studentPassword]).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "deleted-\(id)", "password": studentPassword]).status == 200)
}
