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

    /// A flat object of strings (most write acknowledgements), written directly: JSONEncoder was a
    /// twentieth of a bookmark write's time. Same bytes as the encoder: dictionary keys as they are
    /// (the encoder snake-cases only property names), sorted by their UTF-8 bytes.
    static func make(status: Int = 200, _ object: [String: String]) -> HTTPResponse {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendString(object[key]!, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return HTTPResponse(status: status, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                            body: .bytes(bytes))
    }

    /// A JSON string as JSONEncoder writes it: quotes, backslashes and control characters escaped, the rest as UTF-8.
    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Decodes a request body: 400 when it is not JSON, 422 when a field is missing or of the wrong type.
    static func decode<Value: Decodable>(_ type: Value.Type, from request: HTTPRequest) throws(HTTPError) -> Value {
        guard !request.body.isEmpty else { throw .badRequest("the request needs a JSON body") }
        let data = Data(request.body)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let value: Value
        do {
            value = try decoder.decode(type, from: data)
        } catch {
            // Whether the body is JSON at all is asked only when decoding failed: a valid body is parsed once.
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else { throw .badRequest("the request body is not valid JSON") }
            switch error {
            case DecodingError.keyNotFound(let key, let context):
                let field = (context.codingPath + [key]).map { pathPart($0) }.joined(separator: ".")
                throw .invalid("missing field '\(snakeCase(key.stringValue))'", code: "missing", field: field)
            case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                let field = context.codingPath.map { pathPart($0) }.joined(separator: ".")
                throw .invalid("field '\(field)' has the wrong type", code: "wrong_type", field: field)
            default:
                throw .invalid("the request body does not have the expected fields")
            }
        }
        // Only the fields the route reads: unknown ones are ignored, NUL or not. JSON writes a NUL only as
        // the escape \u0000, so a body without that text needs no walk over the decoded value.
        if mayHoldNUL(request.body), TextBounds.containsNUL(value) { throw .invalid("text must not contain NUL characters (\\u0000)", code: "text_nul") }
        return value
    }

    /// Whether the body holds the text `\u0000` (the only way JSON writes a NUL) or a raw NUL byte.
    private static func mayHoldNUL(_ body: [UInt8]) -> Bool {
        let escape = Array(#"\u0000"#.utf8)
        guard body.count >= escape.count else { return body.contains(0) }
        for start in 0...(body.count - escape.count) where body[start] == UInt8(ascii: "\\") {
            if body[start..<start + escape.count].elementsEqual(escape) { return true }
        }
        return body.contains(0)
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
