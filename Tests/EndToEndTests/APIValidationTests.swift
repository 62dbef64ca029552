// Answers Schemathesis once got wrong, pinned down one by one.
import Foundation
import LecternTesting
import Testing

@Test(arguments: StoreKind.tested) func routesValuesAndAccountsFoundByFuzzing(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store, staff: [adminAccount])
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let adminID = try #require(try server.request("GET", "/api/v1/users/me", headers: admin).json["id"] as? Int)

    // A literal segment beats a parameter: /users/me is not /users/{id}, and Allow names each method once.
    let wrong = try server.request("DELETE", "/api/v1/users/me", headers: admin)
    #expect(wrong.status == 405 && wrong.headers["Allow"] as? String == "GET, PATCH, PUT", "\(wrong.status) \(wrong.headers)")
    #expect(try server.request("DELETE", "/api/v1/enrollments/my-courses", headers: admin).headers["Allow"] as? String == "GET")

    // Values outside what the description allows are refused, not ignored.
    #expect(try server.request("GET", "/api/v1/courses?level=expert").status == 422)
    #expect(try server.request("GET", "/api/v1/analytics/courses/python-foundations?table=bogus", headers: admin).status == 422)
    #expect(try server.request("GET", "/api/v1/analytics/courses/python-foundations?table=lessons", headers: admin).status == 200)
    #expect(try server.request("GET", "/api/v1/activity-log?user=-3", headers: admin).status == 422)
    for email in ["odd@@example.org", "x@example.org@", "x@.org", "x@org."] {
        let response = try server.request("POST", "/api/v1/auth/register", json: ["email": email, "username": "odd", "password": studentPassword])
        #expect(response.status == 422, "\(email): \(response.status)")
    }
    // Refusals a person can fix carry a stable code, for pages to say them in their own language.
    let common = try server.request("POST", "/api/v1/auth/register", json: ["email": "pat@example.org", "username": "pat", "password": "Password2024!"])
    #expect(common.status == 422 && common.json["code"] as? String == "password_common", "\(common.text)")
    let taken = try server.request("POST", "/api/v1/auth/register", json: ["email": "admin@example.org", "username": "pat", "password": studentPassword])
    #expect(taken.status == 409 && taken.json["code"] as? String == "email_taken", "\(taken.text)")
    #expect(try server.request("GET", "/api/v1/courses?level=expert").json["code"] == nil)

    // Lengths count code points, as JSON Schema does: "é" written as e + U+0301 is two, so these
    // seven characters are ten code points, long enough.
    let decomposed = "e\u{301}te\u{301} ro\u{301}b"
    let registered = try server.request("POST", "/api/v1/auth/register",
                                        json: ["email": "combining@example.org", "username": "combining", "password": decomposed])
    #expect(registered.status == 201, "\(registered.text)")

    // A deleted account is gone: it cannot be changed back, and its token finds no one.
    let leaver = try registerAndLogin(server, "leaver")
    let leaverID = try #require((leaver["user"] as? [String: Any])?["id"] as? Int)
    #expect(try server.request("DELETE", "/api/v1/users/\(leaverID)", headers: admin).status == 204)
    #expect(try server.request("DELETE", "/api/v1/users/\(leaverID)", headers: admin).status == 404)
    #expect(try server.request("PATCH", "/api/v1/users/\(leaverID)", json: ["role": "admin", "active": true], headers: admin).status == 404)
    #expect(try server.request("GET", "/api/v1/users/me", headers: ["Authorization": "Bearer \(leaver["access_token"]!)"]).status == 401)

    // An administrator cannot lock themselves out by withdrawing their own approval.
    #expect(try server.request("PATCH", "/api/v1/users/\(adminID)", json: ["approved": false], headers: admin).status == 409)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "admin", "password": studentPassword]).status == 200)
}
