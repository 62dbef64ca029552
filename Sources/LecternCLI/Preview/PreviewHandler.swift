import Foundation
import HTTP

/// Answers the preview's requests: the built site with a live-reload script added to each page, the
/// build version the script polls, and the build errors in place of pages while the course is broken.
struct PreviewHandler: Sendable {
    let files: StaticFiles
    let state: PreviewState

    static let reloadScript = """
    // Lectern preview: reload the page when a rebuild finishes.
    (function () {
      var known = null;
      function poll() {
        fetch("/__lectern/version", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (data) {
          if (known !== null && data.version !== known) { location.reload(); return; }
          known = data.version;
          setTimeout(poll, 400);
        }).catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();

    """
    static let scriptTag = "<script src=\"/__lectern/live-reload.js\" defer></script>"

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (version, errors) = state.current
        switch request.rawPath {
        case "/__lectern/version":
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                body: .bytes(Array("{\"version\":\(version),\"ok\":\(errors == nil)}".utf8)))
        case "/__lectern/live-reload.js":
            return HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", text: Self.reloadScript)
        default:
            break
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPResponse(status: 405, headers: [("Allow", "GET, HEAD")])
        }
        let isPage = request.rawPath.hasSuffix("/") || request.rawPath.hasSuffix(".html")
        if let errors, isPage {
            return HTTPResponse(status: 500, contentType: "text/html; charset=utf-8", text: errorPage(errors))
        }
        // Pages are rewritten here (the reload script): always the file itself, never a gzip twin.
        var plain = request
        plain.headers["accept-encoding"] = nil
        guard var response = files.response(for: plain) else {
            return HTTPResponse(status: 404, contentType: "text/html; charset=utf-8",
                                text: "<!doctype html><title>Not found</title><h1>Not found</h1>\(Self.scriptTag)")
        }
        if response.status == 200, response.header("Content-Type")?.hasPrefix("text/html") == true, let html = text(of: response.body) {
            response.headers.removeAll { $0.0 == "ETag" || $0.0 == "Last-Modified" }
            response.headers.append(("Cache-Control", "no-store"))
            response.body = .bytes(Array(injectingReloadScript(html).utf8))
        }
        return response
    }

    private func text(of body: HTTPResponse.Body) -> String? {
        switch body {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .file(let path, _, _): try? String(contentsOfFile: path, encoding: .utf8)
        case .shared(let shared): String(decoding: shared.bytes, as: UTF8.self)
        case .later: nil   // the preview answers everything at once
        }
    }

    private func injectingReloadScript(_ html: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + Self.scriptTag }
        return html.replacingCharacters(in: end, with: Self.scriptTag + "</body>")
    }

    private func errorPage(_ errors: String) -> String {
        let escaped = errors.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course has errors · Lectern preview</title></head>
        <body><h1>The course has errors</h1><p>Fix them and this page reloads by itself.</p>
        <pre>\(escaped)</pre>\(Self.scriptTag)</body></html>
        """
    }
}
