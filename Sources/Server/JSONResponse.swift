import Foundation
import HTTP

/// JSON bodies in and out of the API.
enum JSONResponse {
    static func make<Value: Encodable>(status: Int = 200, _ value: Value) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                            body: .bytes(Array(data)))
    }

    /// Decodes a request body: 400 when it is not JSON, 422 when a field is missing or of the wrong type.
    static func decode<Value: Decodable>(_ type: Value.Type, from request: HTTPRequest) throws(HTTPError) -> Value {
        guard !request.body.isEmpty else { throw .badRequest("the request needs a JSON body") }
        guard (try? JSONSerialization.jsonObject(with: Data(request.body))) != nil else {
            throw .badRequest("the request body is not valid JSON")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let value: Value
        do {
            value = try decoder.decode(type, from: Data(request.body))
        } catch DecodingError.keyNotFound(let key, let context) {
            let field = (context.codingPath + [key]).map { pathPart($0) }.joined(separator: ".")
            throw .invalid("missing field '\(snakeCase(key.stringValue))'", code: "missing", field: field)
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map { pathPart($0) }.joined(separator: ".")
            throw .invalid("field '\(field)' has the wrong type", code: "wrong_type", field: field)
        } catch {
            throw .invalid("the request body does not have the expected fields")
        }
        // Only the fields the route reads: unknown ones are ignored, NUL or not.
        if TextBounds.containsNUL(value) { throw .invalid("text must not contain NUL characters (\\u0000)", code: "text_nul") }
        return value
    }

    /// A coding path step as a field path names it: `answers.2.answer`.
    private static func pathPart(_ key: any CodingKey) -> String {
        key.intValue.map(String.init) ?? snakeCase(key.stringValue)
    }

    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }
}
