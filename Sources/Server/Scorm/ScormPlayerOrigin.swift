import Foundation
import HTTP

/// The second origin of `lectern serve` (`--scorm-port`): the files of hosted SCORM packages
/// (`FILES/scorm/<sha256>/…`, nothing else) and the runtime page that holds the `API` and `API_1484_11`
/// objects and frames a SCO from the same origin, so the SCO's synchronous `window.parent.API` lookup works.
/// A package's scripts run here, never on the kiosk's origin: they cannot read the kiosk's `localStorage`
/// (the API token) or call the API with the learner's cookie; the runtime only talks to the kiosk page
/// that frames it, by `postMessage`. No cookie is ever set or read here.
public struct ScormPlayerOrigin: Sendable {
    let files: StaticFiles
    let runtimeScript: SharedBytes
    let hostScript: SharedBytes
    let contentSecurityPolicy: String

    /// - Parameters:
    ///   - scormFolder: `FILES/scorm`, one folder per package named by its ZIP's SHA-256.
    ///   - runtimeScript: the theme's `scorm-runtime.js` (the data model); `hostScript` its `scorm-host.js`
    ///     (the runtime page's side of the messages with the kiosk).
    ///   - kioskSources: the CSP sources of the kiosk pages allowed to frame this origin.
    public init(scormFolder: URL, runtimeScript: Data, hostScript: Data, kioskSources: String) {
        files = StaticFiles(root: scormFolder)
        self.runtimeScript = SharedBytes(Array(runtimeScript))
        self.hostScript = SharedBytes(Array(hostScript))
        // Authoring tools (Articulate, iSpring, Captivate, Adapt) write inline scripts and event handlers and
        // build code with eval/new Function, so scripts need 'unsafe-inline' and 'unsafe-eval'; what they load
        // stays on this origin ('self'), and they run on an origin that holds no token.
        contentSecurityPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self' \(kioskSources)"
    }

    /// The runtime page and its scripts, under a prefix no package folder (64 hex digits) can have.
    static let runtimePrefix = "/lectern-runtime/"

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response = respond(request)
        response.headers.removeAll { $0.0.lowercased() == "set-cookie" }
        response.headers += [("Content-Security-Policy", contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
                             ("Referrer-Policy", "no-referrer"), ("Cross-Origin-Resource-Policy", "same-origin")]
        return response
    }

    private func respond(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, headers: [("Allow", "GET, HEAD"), ("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array("method not allowed\n".utf8)))
        }
        guard let segments = request.pathSegments else { return Self.notFound }
        if request.rawPath.hasPrefix(Self.runtimePrefix), segments.count == 2 {
            switch segments[1] {
            case "player.html": return page(Self.playerPage, type: "text/html; charset=utf-8")
            case "scorm-runtime.js": return page(runtimeScript, type: "text/javascript; charset=utf-8")
            case "scorm-host.js": return page(hostScript, type: "text/javascript; charset=utf-8")
            default: return Self.notFound
            }
        }
        // Only inside a package's folder: `FILES/scorm/` also holds folders being extracted or removed.
        guard segments.count >= 2, Self.isPackageFolder(segments[0]) else { return Self.notFound }
        return files.response(for: request) ?? Self.notFound
    }

    static func isPackageFolder(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private func page(_ bytes: SharedBytes, type: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", type), ("Cache-Control", "no-cache")], body: .shared(bytes))
    }

    static let notFound = HTTPResponse(status: 404, contentType: "text/plain; charset=utf-8", text: "not found\n")

    /// The runtime page: the API objects live in this window; the SCO is framed in it.
    static let playerPage = SharedBytes(Array("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>SCORM runtime</title>
        <style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%;display:block}</style>
        <script src="scorm-runtime.js"></script><script src="scorm-host.js"></script></head>
        <body></body></html>

        """.utf8))
}
