// The store refuses in its own words; one mapping gives each refusal its HTTP status.
import LecternTesting
@testable import Server
import Testing

@Test(arguments: StoreKind.tested) func theStoreNamesWhatIsTakenWithoutReadingTheDatabasesMessages(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse(["keep": ""], name: "db")
    guard let store = try makeStore(kind, in: folder, name: "errors") else { return }
    let ana = try store.createUser(email: "ana@example.org", username: "ana", name: "", passwordHash: "x", role: .student, approved: true)
    #expect(throws: StoreError.duplicate(.email)) {
        try store.createUser(email: "ANA@example.org", username: "other", name: "", passwordHash: "x", role: .student, approved: true)
    }
    #expect(throws: StoreError.duplicate(.username)) {
        try store.createUser(email: "bo@example.org", username: "Ana", name: "", passwordHash: "x", role: .student, approved: true)
    }
    let bo = try store.createUser(email: "bo@example.org", username: "bo", name: "", passwordHash: "x", role: .student, approved: true)
    #expect(throws: StoreError.duplicate(.email)) { try store.updateProfile(userID: bo.id, name: nil, email: "ana@example.org") }
    // Keeping one's own email is not a clash.
    #expect(try store.updateProfile(userID: ana.id, name: "Ana", email: "ana@example.org")?.name == "Ana")
    _ = try store.enroll(userID: ana.id, course: "python")
    #expect(throws: StoreError.duplicate(.enrollment)) { try store.enroll(userID: ana.id, course: "python") }
    #expect(throws: StoreError.notFound("no account 'nobody'")) { try store.account(login: "nobody") }
}

@Test func storeErrorsMapToTheirStatuses() {
    #expect(HTTPError(StoreError.duplicate(.email)).status == 409 && HTTPError(StoreError.duplicate(.email)).code == "email_taken")
    #expect(HTTPError(StoreError.duplicate(.review)).detail == "you have already reviewed this course")
    #expect(HTTPError(StoreError.notFound("no such account")).status == 404)
    #expect(HTTPError(StoreError.constraint(.attemptsUsedUp(allowed: 3))).status == 403)
    #expect(HTTPError(StoreError.constraint(.alreadySubmitted)).status == 409)
    #expect(HTTPError(RuleViolation("password must be longer", code: "password_too_short")).status == 422)
}
