/// Decoding request paths once, strictly, so file lookups never see `..` or NUL in any disguise.
public enum URLPath {
    /// `/a%20b/c.html` → ["a b", "c.html"]; nil for `..`, `.`, empty-name tricks, NUL, `\`, or bad `%` escapes.
    public static func segments(_ rawPath: String) -> [String]? {
        guard rawPath.hasPrefix("/") else { return nil }
        var segments: [String] = []
        // One pass over the bytes, no array of slices: this runs for every request. `/` is never part of
        // a multi-byte character, so splitting on the byte is safe.
        var path = rawPath
        path.makeContiguousUTF8()   // a no-op for native strings: the closure below then always runs
        return path.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            var start = 0
            var escaped = false
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: "/") else {
                    if bytes[index] == UInt8(ascii: "%") { escaped = true }
                    continue
                }
                defer { start = index + 1; escaped = false }
                guard index > start else { continue }
                let part = UnsafeBufferPointer(rebasing: bytes[start..<index])
                // Without escapes the segment is itself: no byte-by-byte decoding (most paths).
                guard let decoded = escaped ? percentDecoded(String(decoding: part, as: UTF8.self)) : String(decoding: part, as: UTF8.self)
                else { return nil }
                // Bytes, not Characters: these three are single bytes in UTF-8, never inside another character.
                if decoded == "." || decoded == ".." || decoded.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }) {
                    return nil
                }
                segments.append(decoded)
            }
            return segments
        } ?? nil
    }

    /// `["a b", "c.html"]` → `/a%20b/c.html`: an absolute path on this server whatever the segments hold.
    public static func path(_ segments: [String]) -> String {
        var path = ""
        for segment in segments {
            path += "/"
            for byte in segment.utf8 {
                if isPathByte(byte) {
                    path.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    path += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
                }
            }
        }
        return path.isEmpty ? "/" : path
    }

    /// RFC 3986 `pchar` minus `%` (escaped) and `;`/`=`/`+` kept for readability of ordinary names.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
             UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"): true
        default: false
        }
    }

    /// Decodes `%XX` escapes (and `+` as space when `plusIsSpace`); nil for malformed escapes or invalid UTF-8.
    public static func percentDecoded<Text: StringProtocol>(_ text: Text, plusIsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
