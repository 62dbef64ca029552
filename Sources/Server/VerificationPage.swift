import Foundation
import HTTP

/// `/verify/<code>`: the public page a certificate's code leads to, readable by anyone (an employer, a
/// school) without JavaScript or an account.
enum VerificationPage {
    static func response(code: String, store: any Storage) -> HTTPResponse {
        let certificate = try? store.certificate(code: code)
        let (status, heading, lines): (Int, String, [String]) = switch certificate {
        case .some(let found) where !found.revoked:
            (200, "Valid certificate", ["\(found.learner) completed \(found.courseTitle).", "Issued \(date(found.issuedAt)). Code \(found.code)."])
        case .some(let found):
            (200, "Revoked certificate", ["This certificate for \(found.courseTitle) was revoked and is no longer valid.", "Code \(found.code)."])
        default:
            (404, "Unknown code", ["No certificate has this code. Check that it was typed exactly as printed."])
        }
        let body = lines.map { "<p>\(escape($0))</p>" }.joined(separator: "\n")
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
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
