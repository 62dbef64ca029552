import HTTP

/// An API error: its status and the `detail` the client sees as `{"detail": "…"}`.
public struct HTTPError: Error, Sendable {
    public var status: Int
    public var detail: String
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: [(String, String)] = []
    /// A stable name for the problem (`password_common`), so a page can say it in its own language.
    public var code: String?

    public init(_ status: Int, _ detail: String, headers: [(String, String)] = [], code: String? = nil) {
        self.status = status
        self.detail = detail
        self.headers = headers
        self.code = code
    }

    static func badRequest(_ detail: String) -> HTTPError { HTTPError(400, detail) }
    static let unauthorized = HTTPError(401, "authentication required", headers: [("WWW-Authenticate", "Bearer")])
    static let forbidden = HTTPError(403, "you do not have permission to do this")
    static func notFound(_ what: String = "not found") -> HTTPError { HTTPError(404, what) }
    static func conflict(_ detail: String, code: String? = nil) -> HTTPError { HTTPError(409, detail, code: code) }
    static func invalid(_ detail: String, code: String? = nil) -> HTTPError { HTTPError(422, detail, code: code) }

    /// The JSON response for this error.
    var response: HTTPResponse {
        var body = ["detail": detail]
        if let code { body["code"] = code }
        var response = JSONResponse.make(status: status, body)
        response.headers += headers
        return response
    }
}
