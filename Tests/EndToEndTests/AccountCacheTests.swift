// Tokens are checked against accounts cached in the server; every change to an account, made through the
// API or by `lectern users` in another process, counts from the next request.
import Foundation
import LecternTesting
import Testing

@Test func accountChangesCountFromTheNextRequestThoughAccountsAreCached() throws {
    let (server, data) = try startServer(staff: [adminAccount])
    let database = data.url.appendingPathComponent("lectern.db").path
    let admin = ["Authorization": "Bearer \(try token(server, "admin"))"]
    let tokens = try registerAndLogin(server, "cara")
    let auth = ["Authorization": "Bearer \(try #require(tokens["access_token"] as? String))"]
    let id = try #require((tokens["user"] as? [String: Any])?["id"] as? Int)
    let me = { try server.request("GET", "/api/v1/users/me", headers: auth) }
    // Asked twice: the account is now cached.
    #expect(try me().json["role"] as? String == "student")
    #expect(try me().json["role"] as? String == "student")

    // Another process changes the database: the server's cache must not hide it.
    #expect(try runLectern("users", "set-role", "cara", "instructor", "--db", database).exitCode == 0)
    #expect(try me().json["role"] as? String == "instructor")
    #expect(try runLectern("users", "disable", "cara", "--db", database).exitCode == 0)
    // The server commits something of its own first: its commit must not hide the other process's.
    try registerAndLogin(server, "dave")
    #expect(try me().status == 403)
    #expect(try runLectern("users", "enable", "cara", "--db", database).exitCode == 0)
    #expect(try me().status == 200)

    // Changes through the API, by an administrator.
    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["role": "student"], headers: admin).status == 200)
    #expect(try me().json["role"] as? String == "student")
    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["active": false], headers: admin).status == 200)
    #expect(try me().status == 403)
    #expect(try server.request("PATCH", "/api/v1/users/\(id)", json: ["active": true], headers: admin).status == 200)
    #expect(try me().status == 200)

    // A password change: the old password stops working at once, the new one works.
    #expect(try server.request("POST", "/api/v1/users/me/password",
                               json: ["current_password": studentPassword, "new_password": "another long passphrase"], headers: auth).status == 204)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "cara", "password": studentPassword]).status == 401)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "cara", "password": "another long passphrase"]).status == 200)
    #expect(try server.request("POST", "/api/v1/auth/refresh", json: ["refresh_token": tokens["refresh_token"]!]).status == 401)

    // Deleted: the token names no one.
    #expect(try me().status == 200)
    #expect(try server.request("DELETE", "/api/v1/users/\(id)", headers: admin).status == 204)
    #expect(try me().status == 401)
}
