// Administrators approve, disable and delete accounts; security events are logged.
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func adminsManageAccountsAndSeeTheActivityLog(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]

    // An instructor waits for approval, then signs in.
    let pending = try server.request("POST", "/api/v1/auth/register",
                                     json: ["email": "new.teacher@example.org", "username": "newteacher", "password": studentPassword, "role": "instructor"])
    let teacherID = try #require(pending.json["id"] as? Int)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "newteacher", "password": studentPassword]).status == 403)
    #expect(try server.request("PATCH", "/api/v1/users/\(teacherID)", json: ["approved": true], headers: admin).json["approved"] as? Bool == true)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "newteacher", "password": studentPassword]).status == 200)

    // A disabled student cannot sign in and their refresh tokens stop working; a deleted one is gone.
    let tokens = try registerAndLogin(server, "leaver")
    let leaverID = try #require((tokens["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("PATCH", "/api/v1/users/\(leaverID)", json: ["active": false], headers: admin).status == 200)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "leaver", "password": studentPassword]).status == 403)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": tokens["refresh_token"]!]).status == 401)
    #expect(try server.request("DELETE", "/api/v1/users/\(leaverID)", headers: admin).status == 204)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "leaver", "password": studentPassword]).status == 401)
    let listed = try server.request("GET", "/api/v1/users?search=leaver", headers: admin)
    #expect(listed.json["total"] as? Int == 0)
    #expect(try server.request("PATCH", "/api/v1/users/\(teacherID)", json: ["role": "wizard"], headers: admin).status == 422)

    // The log holds the sign-ins, the failures and the administration, newest first, filterable.
    let log = try server.request("GET", "/api/v1/activity-log", headers: admin)
    let types = (log.json["items"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    for type in ["register", "login", "login.failed", "user.changed", "user.deleted"] { #expect(types.contains(type), "\(type)") }
    let deletions = try server.request("GET", "/api/v1/activity-log?type=user.deleted", headers: admin)
    #expect((deletions.json["items"] as? [[String: Any]])?.count == 1 && deletions.json["total"] as? Int == 1)
    #expect(try server.request("GET", "/api/v1/activity-log?from=soon", headers: admin).status == 422)
}
