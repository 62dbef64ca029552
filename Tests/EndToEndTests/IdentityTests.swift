// Look-alike identities: emails and usernames are folded (NFKC, lower case) before they are compared or
// stored, and a username may not mix scripts or be spelled only with letters that look Latin.
import Foundation
import LecternTesting
import Testing

private func register(_ server: LecternProcess, email: String, username: String, role: String = "student") throws -> (status: Int, json: [String: Any]) {
    let answer = try server.request("POST", "/api/v1/auth/register",
                                    json: ["email": email, "username": username, "password": studentPassword, "role": role])
    return (answer.status, answer.json)
}

@Test(arguments: StoreKind.tested) func aKelvinSignEmailIsTheSameInstructor(_ store: StoreKind) throws {
    // python-foundations is taught by ada.okafor@example.org; "K" below is U+212A KELVIN SIGN.
    let (server, _) = try startServer(store: store, staff: [adminAccount, ("ada", "ada.okafor@example.org", "instructor")])
    let lookAlike = try register(server, email: "ada.o\u{212A}afor@example.org", username: "notada", role: "instructor")
    #expect(lookAlike.status == 409 && lookAlike.json["code"] as? String != nil, "\(lookAlike.json)")
    let fullWidth = try register(server, email: "ＡＤＡ.okafor@example.org", username: "notada2")
    #expect(fullWidth.status == 409)
    // Any spelling of the real one signs the real account in.
    let signedIn = try server.request("POST", "/api/v1/auth/login", json: ["login": "ADA.O\u{212A}AFOR@example.org", "password": studentPassword])
    #expect(signedIn.status == 200 && (signedIn.json["user"] as? [String: Any])?["username"] as? String == "ada")
}

@Test(arguments: StoreKind.tested) func usernamesAreFoldedAndLookAlikesRefused(_ store: StoreKind) throws {
    let (server, _) = try startServer(store: store)
    let nfc = try register(server, email: "jose1@example.org", username: "Jos\u{E9}")
    #expect(nfc.status == 201 && nfc.json["username"] as? String == "jos\u{E9}", "\(nfc.json)")
    // The same name decomposed (NFD), or in another case, is the same username.
    #expect(try register(server, email: "jose2@example.org", username: "jose\u{301}").status == 409)
    #expect(try register(server, email: "jose3@example.org", username: "JOSE\u{301}").status == 409)
    #expect(try server.request("POST", "/api/v1/auth/login", json: ["login": "jose\u{301}", "password": studentPassword]).status == 200)

    // Cyrillic а in a Latin name, and a name of Cyrillic letters that read as Latin ("рау" = "pay").
    #expect(try register(server, email: "admin2@example.org", username: "\u{430}dmin").json["code"] as? String == "username_look_alike")
    #expect(try register(server, email: "pay@example.org", username: "\u{440}\u{430}\u{443}").json["code"] as? String == "username_look_alike")
    // One script, not a Latin look-alike: welcome.
    #expect(try register(server, email: "maria@example.org", username: "мария").status == 201)
    #expect(try register(server, email: "eleni@example.org", username: "ελένη").status == 201)
    #expect(try register(server, email: "ana-2@example.org", username: "ana_2.b").status == 201)
}
