/// How a request's body is delimited, checked before the body is read (RFC 9112 §6.1 and §6.3).
///
/// A proxy in front of the server and the server must agree on where a request ends; when they do not,
/// the bytes one of them takes as a body the other takes as a second request (request smuggling).
/// libmicrohttpd 0.9.75 takes the first of several `Content-Length` headers, ignores a
/// `Transfer-Encoding` other than exactly `chunked`, and turns an obs-folded header line into a garbled
/// name (`Transfer-Encoding:\r\n chunked` arrives as a header named `Transfer-Encodingchunked`, and
/// `X: a\r\n , b` as one named `X, b`). Such requests are refused and their connection closed.
enum RequestFraming: Equatable {
    /// Nothing suspicious.
    case fine
    /// Both `Transfer-Encoding` and `Content-Length`: chunked wins, and the connection must close after the answer.
    case closeAfterAnswer
    /// Answer 400 (or 501 for a well-formed transfer coding other than chunked) and close.
    case refuse(status: Int, reason: String)

    /// - Parameter headers: every header line as received, repeated names included.
    static func check(_ headers: [(name: String, value: String)]) -> RequestFraming {
        var lengths: [String] = []
        var encodings: [String] = []
        for (name, value) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                return .refuse(status: 400, reason: "malformed header line (folded or not a field name)")
            }
            // Only names starting as the two framing headers do are lowercased (one allocation less per line).
            guard let first = name.utf8.first, first | 0x20 == UInt8(ascii: "c") || first | 0x20 == UInt8(ascii: "t") else { continue }
            let lowered = name.lowercased()
            if lowered == "content-length" {
                lengths.append(trimmed(value))
            } else if lowered == "transfer-encoding" {
                encodings.append(trimmed(value))
            } else if lowered.hasPrefix("content-length") || lowered.hasPrefix("transfer-encoding") {
                return .refuse(status: 400, reason: "folded header line (obs-fold is not allowed)")
            }
        }
        if let first = lengths.first {
            guard lengths.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }) else {
                return .refuse(status: 400, reason: "invalid Content-Length")
            }
            guard lengths.allSatisfy({ $0 == first }) else { return .refuse(status: 400, reason: "conflicting Content-Length headers") }
        }
        guard !encodings.isEmpty else { return .fine }
        let codings = encodings.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: false).map(trimmed)
        guard codings.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isTokenByte) }) else {
            return .refuse(status: 400, reason: "malformed Transfer-Encoding")
        }
        guard codings.count == 1, codings[0].lowercased() == "chunked" else {
            return .refuse(status: 501, reason: "only the chunked transfer coding is supported")
        }
        return lengths.isEmpty ? .fine : .closeAfterAnswer
    }

    /// Without leading and trailing spaces and tabs (on bytes: both are single bytes in UTF-8).
    private static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        let bytes = Substring(text).utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
