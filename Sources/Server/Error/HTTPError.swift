import HTTP

/// An API error: its status and the `detail` the client sees as `{"detail": "…"}`.
public struct HTTPError: Error, Sendable {
    public var status: Int
    public var detail: String
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: [(String, String)] = []
    /// A stable name for the problem (`password_common`), so a page can say it in its own language.
    public var code: String?
    /// The request field (`new_password`, `answers.2.answer`) or query parameter (`page_size`) at fault,
    /// so a form can mark it.
    public var field: String?

    public init(_ status: Int, _ detail: String, headers: [(String, String)] = [], code: String? = nil, field: String? = nil) {
        self.status = status
        self.detail = detail
        self.headers = headers
        self.code = code
        self.field = field
    }

    static func badRequest(_ detail: String) -> HTTPError { HTTPError(400, detail) }
    static let unauthorized = HTTPError(401, "authentication required", headers: [("WWW-Authenticate", "Bearer")])
    static let forbidden = HTTPError(403, "you do not have permission to do this")
    static func notFound(_ what: String = "not found") -> HTTPError { HTTPError(404, what) }
    static func conflict(_ detail: String, code: String? = nil) -> HTTPError { HTTPError(409, detail, code: code) }
    static func invalid(_ detail: String, code: String? = nil, field: String? = nil) -> HTTPError {
        HTTPError(422, detail, code: code, field: field)
    }

    /// One problem with one field, as the list in a 422's `errors` carries it.
    struct FieldError: Encodable { var field: String?; var code: String; var message: String }
    struct Body: Encodable { var detail: String; var code: String?; var errors: [FieldError]? }

    /// The JSON response for this error: `{"detail", "code"?}`, and for a 422 also `errors`, a list of
    /// `{"field"?, "code", "message"}` (the shape of field errors in the LMS APIs Lectern replaces).
    var response: HTTPResponse {
        let errors = status == 422 ? [FieldError(field: field, code: code ?? "invalid", message: detail)] : nil
        var response = JSONResponse.make(status: status, Body(detail: detail, code: code, errors: errors))
        response.headers += headers
        return response
    }
}
