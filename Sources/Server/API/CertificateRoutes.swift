import CourseModel
import Crypto
import Foundation
import HTTP
import PDF

/// `/api/v1/certificates`: issued when a learner meets the course's `certificate` rule, downloadable as
/// PDF, verifiable by anyone with the code, revocable by an administrator.
struct CertificateRoutes {
    let catalog: Catalog
    let store: any Storage
    /// Where learners reach this server (`https://school.example/`), so a printed certificate names the
    /// page that verifies it; nil when the server does not know its public address.
    var publicURL: String? = nil

    struct Verification: Encodable {
        var valid: Bool, revoked: Bool, learner: String, course: String, courseTitle: String
        @Timestamp var issuedAt: Int
    }

    func register(into router: inout Router) {
        router.add("GET", "/api/v1/certificates/my-certificates") { context in
            let user = try context.requireUser()
            return JSONResponse.make(try PageRequest(context.request.query).slice(try store.certificates(userID: user.id)))
        }
        router.add("GET", "/api/v1/certificates/{id}/download") { try download($0) }
        router.add("GET", "/api/v1/certificates/verify/{code}") { try verify($0) }
        router.add("POST", "/api/v1/certificates/{id}/revoke") { context in
            let user = try context.require(.administer)
            guard let id = Int(context.parameters["id"] ?? ""), try store.certificate(id: id) != nil else { throw HTTPError.notFound("no such certificate") }
            try store.revokeCertificate(id: id)
            store.record("certificate.revoked", userID: user.id, detail: "certificate \(id)", address: context.clientAddress)
            return HTTPResponse(status: 204)
        }
    }

    func download(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.requireUser()
        guard let id = Int(context.parameters["id"] ?? ""), let certificate = try store.certificate(id: id) else {
            throw HTTPError.notFound("no such certificate")
        }
        _ = try context.requireOwnerOrAdmin(certificate.userId)
        let date = Date(timeIntervalSince1970: TimeInterval(certificate.issuedAt)).formatted(.iso8601.year().month().day())
        let hours = String(format: "%.1f hours", Double(certificate.minutes) / 60)
        let text = CertificateText(title: "Certificate of completion", learner: certificate.learner, course: certificate.courseTitle,
                                   date: date, hours: hours, code: "Verification code: \(certificate.code)",
                                   verifyAt: publicURL.map { "Verify at \($0)verify/\(certificate.code)" }
                                       ?? "Verify at /verify/\(certificate.code) on this course server")
        let pdf: [UInt8]
        do {
            pdf = try CertificatePDF.make(text)
        } catch let failure where failure.unprintable != nil {
            // A name printed with boxes or gaps is no certificate: say which letters, so someone can act.
            let (line, characters) = failure.unprintable!
            let listed = characters.map { character in
                "'\(character)' (\(character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")))"
            }
            throw HTTPError(422, "the certificate cannot be printed: its font cannot set \(listed.joined(separator: ", ")) in '\(line)'; "
                                 + "the page /verify/\(certificate.code) shows it in the browser, which can print it")
        } catch {
            throw HTTPError(500, "cannot make the certificate: \(error)")
        }
        // A certificate carries a learner's name: shared caches and the browser's disk keep no copy.
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/pdf"), ("Cache-Control", "no-store"),
                                                   ("Content-Disposition", "attachment; filename=\"certificate-\(certificate.course).pdf\"")],
                            body: .bytes(pdf))
    }

    /// Public: anyone holding a code learns whether it is a real, unrevoked certificate.
    func verify(_ context: RequestContext) throws -> HTTPResponse {
        guard let certificate = try store.certificate(code: context.parameters["code"] ?? "") else {
            throw HTTPError.notFound("no certificate has this code")
        }
        return JSONResponse.make(Verification(valid: !certificate.revoked, revoked: certificate.revoked, learner: certificate.learner,
                                              course: certificate.course, courseTitle: certificate.courseTitle, issuedAt: certificate.issuedAt))
    }
}
