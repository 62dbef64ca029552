/// What makes a password acceptable, after NIST SP 800-63B: long rather than complicated, and not one
/// that attackers try first (common words with digits tacked on, keyboard runs, repeats, the account's
/// own name). Every refusal says what to do instead.
enum PasswordPolicy {
    static let minimumLength = 10
    static let maximumLength = 256

    static func check(_ password: String, username: String = "", email: String = "") throws(RuleViolation) {
        guard password.unicodeScalars.count >= minimumLength else {
            throw RuleViolation("password must be at least \(minimumLength) characters long; a few unrelated words make a good one", code: "password_too_short", field: "password")
        }
        guard password.unicodeScalars.count <= maximumLength else { throw RuleViolation("password must be at most \(maximumLength) characters long", code: "password_too_long", field: "password") }
        let folded = password.lowercased()
        guard Set(folded).count >= 4, !isRun(folded) else {
            throw RuleViolation("password is too repetitive or sequential (like 'aaaa' or '1234'); use a few unrelated words", code: "password_sequential", field: "password")
        }
        guard !password.allSatisfy(\.isNumber) else { throw RuleViolation("password must not be only digits; a few unrelated words make a good one", code: "password_only_digits", field: "password") }
        if isCommon(folded) { throw RuleViolation("password is too common and would be guessed quickly; use a few unrelated words", code: "password_common", field: "password") }
        let name = username.lowercased(), mailbox = String(email.lowercased().split(separator: "@").first ?? "")
        if name.count >= 3, folded.contains(name) { throw RuleViolation("password must not contain your username", code: "password_contains_username", field: "password") }
        if mailbox.count >= 3, folded.contains(mailbox) { throw RuleViolation("password must not contain your email address", code: "password_contains_email", field: "password") }
    }

    /// A common password, or a common word padded with digits and symbols ("password2024!").
    static func isCommon(_ folded: String) -> Bool {
        if common.contains(folded) { return true }
        let core = String(folded.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
        return commonWords.contains(core) || (core.count >= 4 && isRun(core))
    }

    /// Every step between neighbouring characters is the same and small: "abcdefghij", "9876543210",
    /// "1357913579" is not, "aaaa" is (step 0). Keyboard rows count too.
    static func isRun(_ text: String) -> Bool {
        if keyboardRows.contains(where: { $0.contains(text) || String($0.reversed()).contains(text) }) { return true }
        let scalars = text.unicodeScalars.map { Int($0.value) }
        guard scalars.count > 1 else { return true }
        let step = scalars[1] - scalars[0]
        return abs(step) <= 1 && zip(scalars, scalars.dropFirst()).allSatisfy { $1 - $0 == step }
    }

    private static let keyboardRows = ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./", "1q2w3e4r5t6y7u8i9o0p", "qazwsxedcrfvtgbyhnujmikolp"]

    /// Long passwords seen over and over in public breach corpora.
    private static let common: Set<String> = [
        "1234567890", "12345678910", "123456789a", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop", "qwerty123456", "qwerty1234",
        "a123456789", "abc1234567", "abcd123456", "123123123123", "1234512345", "1231231234", "0987654321", "1122334455",
        "5555555555", "iloveyou12", "trustno1trustno1", "passw0rd123", "p@ssw0rd123", "p@ssword123", "zaq12wsxcde3",
    ]

    /// Words people build passwords on; the check ignores digits and symbols around them.
    private static let commonWords: Set<String> = [
        "password", "passw", "passwd", "passwort", "contrasena", "contraseña", "motdepasse", "qwerty", "qwertz", "azerty", "letmein",
        "welcome", "iloveyou", "admin", "administrator", "changeme", "default", "secret", "login", "master", "monkey", "dragon",
        "football", "baseball", "soccer", "futbol", "princess", "sunshine", "shadow", "superman", "batman", "starwars", "pokemon",
        "computer", "internet", "trustno", "whatever", "freedom", "summer", "winter", "spring", "autumn", "hello", "hellohello",
        "student", "students", "teacher", "school", "escuela", "estudiante", "profesor", "lectern", "kiosk", "course", "classroom",
        "abcdefg", "abcabc", "michael", "jennifer", "jordan", "charlie", "maria", "daniel", "samsung", "google", "facebook",
    ]
}
