// The password rules: long phrases pass; the passwords attackers try first are refused with a reason.
@testable import Server
import Testing

private func refusal(_ password: String, username: String = "maria", email: String = "m.lopez@example.org") -> String? {
    do {
        try PasswordPolicy.check(password, username: username, email: email)
        return nil
    } catch {
        #expect(HTTPError(error).status == 422)
        return error.message
    }
}

@Test func longPhrasesPass() {
    for password in ["correct horse battery", "tres tristes tigres", "Kiosk-lamp-7-river", "مرحبا بالعالم الجميل", "7 rabbits ate 3 pears"] {
        #expect(refusal(password) == nil, "\(password)")
    }
}

@Test func guessablePasswordsAreRefusedWithAReason() {
    let cases: [(String, String)] = [
        ("short1", "at least 10 characters"),
        ("aaaaaaaaaaaa", "repetitive or sequential"),
        ("abababababab", "repetitive or sequential"),
        ("abcdefghijkl", "repetitive or sequential"),
        ("qwertyuiop", "repetitive or sequential"),
        ("9876543210", "repetitive or sequential"),
        ("8302917465", "only digits"),
        ("Password2024!", "too common"),
        ("!!welcome123", "too common"),
        ("1q2w3e4r5t", "repetitive or sequential"),
        ("trustno1trustno1", "too common"),
        ("maria-is-great", "your username"),
        ("team m.lopez rocks", "your email address"),
        (String(repeating: "word ", count: 60), "at most 256"),
    ]
    for (password, reason) in cases {
        let detail = refusal(password)
        #expect(detail?.contains(reason) == true, "\(password): \(detail ?? "accepted")")
    }
}
