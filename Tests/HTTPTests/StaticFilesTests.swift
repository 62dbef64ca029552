import Foundation
import HTTP
import Synchronization
import LecternTesting
import Testing

/// A real server on 127.0.0.1 serving a temporary folder.
final class ServedFolder: @unchecked Sendable {
    let folder: TemporaryCourse
    let server: HTTPServer

    init(_ files: [String: String], maxBodyBytes: Int = 1 << 20) throws {
        folder = try TemporaryCourse(files, name: "site")
        let files = StaticFiles(root: folder.url)
        var options = HTTPServerOptions()
        options.maxBodyBytes = maxBodyBytes
        server = try HTTPServer(options: options) { request in
            if request.method == "POST" {
                return HTTPResponse(status: 200, contentType: "text/plain", text: "got \(request.body.count) bytes, q=\(request.query["q"] ?? "")")
            }
            return files.response(for: request) ?? HTTPResponse(status: 404, contentType: "text/plain", text: "not found")
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> (status: Int, headers: [String: String], body: String) {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        let response = try rawHTTP(port: server.port, request + "\r\n")
        return parse(response)
    }

    func parse(_ response: String) -> (status: Int, headers: [String: String], body: String) {
        let parts = response.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    deinit { server.stop() }
}

@Test func servesFilesWithTypeETagAndRevalidation() throws {
    let served = try ServedFolder(["index.html": "<h1>Home</h1>", "a/app.0123456789abcdef.js": "x()"])
    let page = try served.get("/index.html")
    #expect(page.status == 200 && page.body == "<h1>Home</h1>")
    #expect(page.headers["content-type"] == "text/html; charset=utf-8")
    #expect(page.headers["cache-control"] == "no-cache")
    let etag = try #require(page.headers["etag"])
    #expect(try served.get("/index.html", headers: ["If-None-Match": etag]).status == 304)
    let lastModified = try #require(page.headers["last-modified"])
    #expect(try served.get("/index.html", headers: ["If-Modified-Since": lastModified]).status == 304)
    let asset = try served.get("/a/app.0123456789abcdef.js")
    #expect(asset.headers["cache-control"] == "public, max-age=31536000, immutable")
    #expect(asset.headers["content-type"] == "text/javascript; charset=utf-8")
}

@Test func foldersRedirectToTheirSlashAndServeTheirIndex() throws {
    let served = try ServedFolder(["course/index.html": "course home"])
    let redirect = try served.get("/course")
    #expect(redirect.status == 301 && redirect.headers["location"] == "/course/")
    #expect(try served.get("/course/").body == "course home")
}

@Test func folderRedirectsStayOnThisServer() throws {
    let served = try ServedFolder(["python-foundations/index.html": "home", "a b/index.html": "spaced"])
    // `//python-foundations/` would be a protocol-relative URL: the browser would go to a host of that name.
    for path in ["//python-foundations", "///python-foundations"] {
        let redirect = try served.get(path)
        #expect(redirect.status == 301 && redirect.headers["location"] == "/python-foundations/", "\(path)")
    }
    #expect(try served.get("/a%20b").headers["location"] == "/a%20b/")
    #expect(try served.get("/%2F%2Fpython-foundations").status == 400)
}

@Test func byteRangesForMedia() throws {
    let served = try ServedFolder(["media/clip.mp4": "0123456789"])
    let middle = try served.get("/media/clip.mp4", headers: ["Range": "bytes=2-5"])
    #expect(middle.status == 206 && middle.body == "2345")
    #expect(middle.headers["content-range"] == "bytes 2-5/10")
    #expect(middle.headers["content-type"] == "video/mp4")
    #expect(try served.get("/media/clip.mp4", headers: ["Range": "bytes=7-"]).body == "789")
    #expect(try served.get("/media/clip.mp4", headers: ["Range": "bytes=-3"]).body == "789")
    let outside = try served.get("/media/clip.mp4", headers: ["Range": "bytes=20-30"])
    #expect(outside.status == 416 && outside.headers["content-range"] == "bytes */10")
    #expect(try served.get("/media/clip.mp4", headers: ["Range": "bytes=0-1,4-5"]).status == 200)
}

@Test func traversalInAnyEncodingIsRefused() throws {
    let served = try ServedFolder(["site.html": "inside"])
    for path in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/a/%2e%2e/%2e%2e/etc/passwd",
                 "/site.html%00.txt", "/..%5c..%5cetc", "/%zz", "/.hidden"] {
        let response = try served.get(path)
        #expect([400, 404].contains(response.status), "\(path) → \(response.status)")
        #expect(!response.body.contains("root:"), "\(path)")
    }
    #expect(try served.get("/site%2Ehtml").body == "inside")
}

@Test func symlinksOutOfTheFolderAreNotFollowed() throws {
    let served = try ServedFolder(["index.html": "x"])
    try FileManager.default.createSymbolicLink(atPath: served.folder.url.appendingPathComponent("escape").path, withDestinationPath: "/etc")
    #expect(try served.get("/escape/hostname").status == 404)
}

@Test func bodiesOverTheLimitGet413AndQueriesAreDecoded() throws {
    let served = try ServedFolder([:], maxBodyBytes: 1000)
    let small = try rawHTTP(port: served.server.port,
                            "POST /x?q=caf%C3%A9+au+lait HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789")
    #expect(served.parse(small).body == "got 10 bytes, q=café au lait")
    let big = String(repeating: "a", count: 5000)
    let large = try rawHTTP(port: served.server.port,
                            "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + big)
    #expect(served.parse(large).status == 413)
}

@Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let served = try ServedFolder(["a.txt": "A", "b.txt": "B"])
    let response = try rawHTTP(port: served.server.port,
                               "GET /a.txt HTTP/1.1\r\nHost: h\r\n\r\nGET /b.txt HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
    #expect(response.components(separatedBy: "HTTP/1.1 200").count == 3)
}

@Test func httpDatesRoundTrip() {
    #expect(HTTPDate.string(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
    #expect(HTTPDate.parse("yesterday") == nil)
}

@Test func changedFilesAreServedFreshFromTheMemoryCache() throws {
    let served = try ServedFolder(["page.html": "first"])
    #expect(try served.get("/page.html").body == "first")
    try served.folder.write("second version", to: "page.html")
    #expect(try served.get("/page.html").body == "second version")
}

@Test func theGzipVariantGoesToClientsThatAcceptIt() throws {
    let page = String(repeating: "<p>a repeated paragraph of the lesson</p>\n", count: 100)
    let served = try ServedFolder(["page.html": page, "old.html": page])
    let folder = served.folder.url.path
    // Written as the site builder writes them: the variant after its file (a stale one is older than its file).
    #expect(try runTool("/bin/sh", ["-c", "cd \"$1\" && gzip -k page.html && gzip -c old.html > old.html.gz && touch -d '2020-01-01' old.html.gz",
                                    "sh", folder]).status == 0)
    let gzipSize = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/page.html.gz")[.size] as? Int)

    let zipped = try served.get("/page.html", headers: ["Accept-Encoding": "gzip, deflate, br"])
    #expect(zipped.status == 200 && zipped.headers["content-encoding"] == "gzip")
    #expect(zipped.headers["vary"] == "Accept-Encoding" && zipped.headers["content-type"] == "text/html; charset=utf-8")
    #expect(zipped.headers["content-length"] == String(gzipSize))

    let plain = try served.get("/page.html")
    #expect(plain.status == 200 && plain.headers["content-encoding"] == nil && plain.body == page)
    #expect(plain.headers["vary"] == "Accept-Encoding" && plain.headers["etag"] != zipped.headers["etag"])
    // Refused with q=0, or a byte range asked for: the file as it is.
    #expect(try served.get("/page.html", headers: ["Accept-Encoding": "gzip;q=0, identity"]).body == page)
    let range = try served.get("/page.html", headers: ["Accept-Encoding": "gzip", "Range": "bytes=0-9"])
    #expect(range.status == 206 && range.body == String(page.prefix(10)) && range.headers["content-encoding"] == nil)
    // Revalidating the variant by its own ETag.
    let etag = try #require(zipped.headers["etag"])
    #expect(try served.get("/page.html", headers: ["Accept-Encoding": "gzip", "If-None-Match": etag]).status == 304)
    // A variant older than its file is left over from an earlier build: never sent.
    let stale = try served.get("/old.html", headers: ["Accept-Encoding": "gzip"])
    #expect(stale.headers["content-encoding"] == nil && stale.body == page)
}

@Test func oneCachedFileServedWithDifferentStatusesAtOnceKeepsEachAnswerWhole() throws {
    // As the 404 page is: the same cached bytes answered as 200 (asked by name) and as 404 (for a missing page).
    let page = String(repeating: "<p>not here</p>\n", count: 50)
    let folder = try TemporaryCourse(["404.html": page], name: "site")
    let files = StaticFiles(root: folder.url)
    let server = try HTTPServer { request in
        var response = files.response(for: HTTPRequest(method: "GET", rawPath: "/404.html")) ?? HTTPResponse(status: 500)
        if request.rawPath != "/404.html" { response.status = 404 }
        return response
    }
    defer { server.stop() }
    let wrong = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 16) { index in
        for round in 0..<40 {
            let path = (index + round) % 2 == 0 ? "/404.html" : "/missing-\(round).html"
            let answer = (try? rawHTTP(port: server.port, "GET \(path) HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")) ?? ""
            let status = path == "/404.html" ? "HTTP/1.1 200" : "HTTP/1.1 404"
            if !answer.hasPrefix(status) || !answer.hasSuffix(page) { wrong.withLock { $0.append(path) } }
        }
    }
    #expect(wrong.withLock { $0 }.isEmpty)
}
