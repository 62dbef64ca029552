import Foundation
import HTTP
@testable import Server
import Testing

/// The direct writer of flat string objects must answer exactly what JSONEncoder would.
@Test func flatStringObjectsAreWrittenAsTheEncoderWritesThem() throws {
    let objects: [[String: String]] = [
        [:],
        ["course": "python-foundations", "bookmark": "control-flow/loops.html"],
        ["detail": "quote \" backslash \\ slash / tab \t newline \n return \r", "b": "\u{8}\u{c}\u{0}\u{1}\u{1f}\u{7f}"],
        ["zeta": "ünïcödé 中文 🙂 \u{2028}", "alpha": "", "a_b": "x", "a": "y", "A_lower": "z"],
        ["camelCase": "dictionary keys are kept as they are", "Zed": "sorted by bytes"],
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    for object in objects {
        let response = JSONResponse.make(status: 201, object)
        guard case .bytes(let bytes) = response.body else { Issue.record("not bytes"); continue }
        let written = String(decoding: bytes, as: UTF8.self), encoded = String(decoding: try encoder.encode(object), as: UTF8.self)
        #expect(written == encoded)
        #expect(response.status == 201)
        #expect(response.headers.contains { $0 == ("Content-Type", "application/json") })
    }
}
