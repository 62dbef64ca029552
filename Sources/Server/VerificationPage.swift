import Foundation
import HTTP

/// `/verify/<code>`: the public page a certificate's code leads to, readable by anyone (an employer, a
/// school) without JavaScript or an account.
enum VerificationPage {
    /// The page in the certificate's course's language (English once the course is gone or for a code
    /// no certificate has).
    static func response(code: String, store: any Storage, catalog: Catalog) -> HTTPResponse {
        let certificate = try? store.certificate(code: code)
        let words = CertificateWords.forLanguage(certificate.flatMap { try? catalog.course($0.course) }?.language ?? "en")
        let fill = CertificateWords.fill
        let (status, heading, lines): (Int, String, [String]) = switch certificate {
        case .some(let found) where !found.revoked:
            (200, words.validHeading, [fill(words.validLine, ["learner": found.learner, "course": found.courseTitle]),
                                       fill(words.issuedLine, ["date": date(found.issuedAt), "code": found.code])])
        case .some(let found):
            (200, words.revokedHeading, [fill(words.revokedLine, ["course": found.courseTitle]), fill(words.code, ["code": found.code])])
        default:
            (404, words.unknownHeading, [words.unknownLine])
        }
        let body = lines.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        let html = """
        <!DOCTYPE html>
        <html lang="\(escape(words.language))" dir="\(words.rightToLeft ? "rtl" : "ltr")"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(heading)) · Lectern</title></head>
        <body><main><h1>\(escape(heading))</h1>
        \(body)
        </main></body></html>
        """
        return HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                            body: .bytes(Array(html.utf8)))
    }

    static func date(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601.year().month().day())
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
