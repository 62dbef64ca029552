// The learning rules routes share: enrolled first, lessons completed once, the certificate once earned.
import CourseModel
import LecternTesting
@testable import Server
import Testing

@Test(arguments: StoreKind.tested) func completingTheLastLessonEarnsTheCertificateOnce(_ kind: StoreKind) throws {
    let folder = try TemporaryCourse([
        "course.yaml": "title: Rules\ncertificate:\n  min_score: 0\n  require_all_lessons: true\n",
        "01-m/01-a.md": "# A\n\nText.\n",
        "01-m/02-b.md": "# B\n\nText.\n",
    ])
    let course = try Loader.load(folder.url).course
    guard let store = try makeStore(kind, in: folder, name: "learning") else { return }
    let learning = Learning(store: store)
    let ana = try store.createUser(email: "ana@example.org", username: "ana", name: "Ana", passwordHash: "x", role: .student, approved: true)
    let (first, second) = (course.lessons[0].id, course.lessons[1].id)

    #expect(throws: HTTPError.self) { try learning.complete(lesson: first, of: course, by: ana) }
    _ = try learning.enroll(ana, in: course)
    #expect(throws: StoreError.duplicate(.enrollment)) { try learning.enroll(ana, in: course) }
    let at = try learning.complete(lesson: first, of: course, by: ana)
    #expect(try learning.complete(lesson: first, of: course, by: ana) == at)
    #expect(try store.certificates(userID: ana.id).isEmpty)
    #expect(try learning.percentage(userID: ana.id, course: course) == 50)
    _ = try learning.complete(lesson: second, of: course, by: ana)
    let certificates = try store.certificates(userID: ana.id)
    #expect(certificates.count == 1 && certificates.first?.learner == "Ana" && certificates.first?.course == course.slug)
    try learning.issueCertificateIfEarned(userID: ana.id, course: course)
    #expect(try store.certificates(userID: ana.id).count == 1)
}
