/// The longest text the server stores in each field, in Unicode code points (JSON Schema's `maxLength`
/// counts the same way, and docs/openapi.yaml states each one). Without bounds a 200 KB name broke the
/// certificate PDF and one learner could add about 150 MB a minute of quiz answers.
enum TextBounds {
    static let name = 200
    static let email = 254
    static let username = 32
    static let password = PasswordPolicy.maximumLength
    static let comment = 5000
    static let grade = 32
    static let feedback = 5000
    static let href = 1000
    static let announcementTitle = 200
    static let announcementBody = 5000
    /// One answer's text, and each choice id in a multiple-choice answer.
    static let answer = 1000
    /// Choice ids in one multiple-choice answer.
    static let answerChoices = 100
    /// Entries in one attempt's answers (a question answered twice keeps the last entry, so repeats are allowed).
    static let attemptEntries = 1000
    /// All the text in one attempt's answers together.
    static let attempt = 50_000

    /// A display name: at most `name` code points and no control characters (they have no place in a name
    /// and would reach terminals and the certificate).
    static func checkName(_ name: String) throws(RuleViolation) {
        guard name.unicodeScalars.count <= Self.name else { throw RuleViolation("name must be at most \(Self.name) characters", code: "name_too_long", field: "name") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RuleViolation("name must not contain control characters", code: "name_invalid", field: "name")
        }
    }

    /// Whether any string in a decoded request body (optionals, arrays and enum payloads included) holds a
    /// NUL: SQLite and C strings would cut the text there without a word, so such a body is refused instead.
    static func containsNUL(_ value: Any) -> Bool {
        if let text = value as? String { return text.unicodeScalars.contains("\u{0}") }
        return Mirror(reflecting: value).children.contains { containsNUL($0.value) }
    }
}
