import CourseModel
import Foundation
import HTTP

/// What a launched SCO's runtime talks to: `GET /api/v1/scorm-packages/{id}/launch?sco=` (the attempt, the
/// entry mode and the CMI data to resume from) and `POST /api/v1/scorm-packages/{id}/commits` (numbered
/// commits, taken in order: a replayed or overtaken one is refused). Both need an enrollment in the
/// package's course; each commit also records what the SCO's data now says as the course's progress.
struct ScormRuntimeRoutes {
    let store: any Storage
    let catalog: Catalog

    /// At most this many elements in one commit, and in a SCO's stored data.
    static let maxElements = 4096
    /// 2004's longest element, `cmi.suspend_data` (64,000 characters); names are shorter than 256.
    static let maxValueLength = 64_000

    struct Launch: Encodable {
        var packageId: Int
        var sco: String
        var attempt: Int
        /// `ab-initio` for a new attempt, `resume` after a session that exited with `suspend`, else empty.
        var entry: String
        var sequence: Int
        var cmi: [String: String]
    }

    struct Commit: Decodable {
        var sco: String; var attempt: Int; var sequence: Int; var values: [String: String]
        /// The session's last commit (Terminate / LMSFinish).
        var terminated: Bool?
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/scorm-packages/{id}/launch") { context in
            let learner = try context.require(.enroll, otherwise: "only learners launch SCORM packages")
            let package = try package(context)
            try Learning(store: store).requireEnrollment(learner, in: try catalog.course(package.slug))
            let sco = try self.sco(context.request.query["sco"] ?? package.scos.first?.identifier ?? "", in: package)
            let latest = try store.latestScormCMI(packageID: package.id, userID: learner.id, sco: sco.identifier)
            guard let latest, !latest.endsAttempt(edition: package.edition) else {
                // The first attempt, or the next one after an attempt that ended: fresh data.
                return JSONResponse.make(Launch(packageId: package.id, sco: sco.identifier, attempt: (latest?.attempt ?? 0) + 1,
                                                entry: "ab-initio", sequence: 0, cmi: [:]))
            }
            return JSONResponse.make(Launch(packageId: package.id, sco: sco.identifier, attempt: latest.attempt,
                                            entry: latest.exit == "suspend" ? "resume" : "", sequence: latest.sequence, cmi: latest.values))
        }
        router.add("POST", "/api/v1/scorm-packages/{id}/commits") { context in
            let learner = try context.require(.enroll, otherwise: "only learners commit SCORM data")
            let package = try package(context)
            let course = try catalog.course(package.slug)
            try Learning(store: store).requireEnrollment(learner, in: course)
            let commit = try JSONResponse.decode(Commit.self, from: context.request)
            let sco = try self.sco(commit.sco, in: package)
            guard commit.sequence >= 1 else { throw HTTPError.invalid("sequence must be 1 or more", field: "sequence") }
            guard commit.values.count <= Self.maxElements else {
                throw HTTPError.invalid("at most \(Self.maxElements) elements in one commit", field: "values")
            }
            for (name, value) in commit.values {
                guard name.count < 256, name.hasPrefix("cmi.") || name.hasPrefix("adl."), !name.contains("\0") else {
                    throw HTTPError.invalid("'\(name.prefix(80))' is not a SCORM data model element", field: "values")
                }
                guard value.count <= Self.maxValueLength, !value.contains("\0") else {
                    throw HTTPError.invalid("\(name) is longer than \(Self.maxValueLength) characters", field: "values")
                }
            }
            // The attempt rule is checked in the commit's own transaction, against the data it merges into.
            let stored = try store.commitScormCMI(packageID: package.id, userID: learner.id, attempt: commit.attempt, sco: sco.identifier,
                                                  sequence: commit.sequence, values: commit.values, terminated: commit.terminated ?? false,
                                                  endsAttempt: { $0.endsAttempt(edition: package.edition) })
            guard stored.values.count <= Self.maxElements else { throw HTTPError.invalid("too many elements stored for this SCO", field: "values") }
            try record(ScormResult(stored.values, edition: package.edition, masteryScore: sco.masteryScore), of: sco, in: course, by: learner)
            return JSONResponse.make(["sequence": stored.sequence])
        }
    }

    /// The SCO's step of the package's course, from the whole stored data (so a commit whose recording
    /// failed is made good by the next): a lesson once completed, a graded step once it has a verdict.
    private func record(_ result: ScormResult, of sco: ScormSco, in course: Course, by learner: User) throws {
        let learning = Learning(store: store)
        if course.quizzes.contains(where: { $0.id == sco.identifier }) {
            guard let graded = result.graded,
                  try store.recordScormResult(userID: learner.id, course: course.slug, quiz: sco.identifier, score: graded.score, passed: graded.passed)
            else { return }
        } else {
            guard result.completed else { return }
            _ = try store.completeLesson(userID: learner.id, course: course.slug, lesson: sco.identifier)
        }
        try learning.issueCertificateIfEarned(userID: learner.id, course: course)
    }

    private func package(_ context: RequestContext) throws -> ScormPackage {
        guard let id = Int(context.parameters["id"] ?? ""), let package = try store.scormPackage(id: id) else {
            throw HTTPError.notFound("no such SCORM package")
        }
        return package
    }

    private func sco(_ identifier: String, in package: ScormPackage) throws(HTTPError) -> ScormSco {
        guard let sco = package.scos.first(where: { $0.identifier == identifier }) else {
            throw HTTPError.notFound("package \(package.id) has no SCO '\(identifier.prefix(80))'")
        }
        return sco
    }
}
