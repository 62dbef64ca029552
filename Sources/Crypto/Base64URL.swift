import Foundation

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), as JWTs use.
public enum Base64URL {
    public static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// nil for anything that is not canonical base64url.
    public static func decode(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let bytes = Data(base64Encoded: base64).map({ Array($0) }) else { return nil }
        // Foundation ignores the unused low bits of the last character, so "…E" and "…F" can decode to the
        // same bytes: only the one spelling `encode` writes is accepted, and a token has exactly one form.
        return encode(bytes) == text ? bytes : nil
    }
}
