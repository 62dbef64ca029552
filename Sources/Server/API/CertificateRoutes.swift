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
        router.add("GET", "/api/v1/certificates") { try search($0) }
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
        let text = printed(certificate)
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

    /// What the PDF says: in the course's language (its own words from course.yaml first), with the full
    /// address of the verification page, or a sentence saying where to turn when the server does not know it.
    func printed(_ certificate: Certificate) -> CertificateText {
        let course = try? catalog.course(certificate.course)
        let words = CertificateWords.forPDF(course?.language ?? "en")
        let rule = course?.certificate
        let date = Date(timeIntervalSince1970: TimeInterval(certificate.issuedAt)).formatted(.iso8601.year().month().day())
        let hours = String(format: "%.1f", Double(certificate.minutes) / 60).replacingOccurrences(of: ".", with: words.decimalSeparator)
        let verifyAt = publicURL.map { CertificateWords.fill(words.verifyAt, ["url": "\($0)verify/\(certificate.code)"]) } ?? words.verifyUnknown
        return CertificateText(title: rule?.title ?? words.title, learner: certificate.learner, statement: rule?.text ?? words.statement,
                               course: certificate.courseTitle, date: date, hours: CertificateWords.fill(words.hours, ["hours": hours]),
                               code: CertificateWords.fill(words.code, ["code": certificate.code]), verifyAt: verifyAt, signatory: rule?.signatory)
    }

    /// Administrators find certificates by `?course=` (slug), `?user=` (an account id, or part of a
    /// username, email or printed name) and `?code=`, newest first, a page at a time.
    func search(_ context: RequestContext) throws -> HTTPResponse {
        _ = try context.require(.administer)
        let request = try PageRequest(context.request.query)
        func filter(_ name: String) throws(HTTPError) -> String? {
            guard let value = context.request.query[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            guard value.unicodeScalars.count <= 200 else { throw .invalid("\(name) must be at most 200 characters", field: name) }
            return value
        }
        let found = try store.certificates(matching: CertificateQuery(course: try filter("course"), user: try filter("user"), code: try filter("code"),
                                                                      limit: request.size, offset: request.offset))
        return JSONResponse.make(request.page(found.items, total: found.total))
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
