/// Header names compare without regard to ASCII case (RFC 9110): these helpers do it on the bytes, with no
/// new strings, because they run several times per request.
enum HeaderName {
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { lower($0) == lower($1) }
    }

    /// True when `name` has no ASCII capital letter, so it is already the key headers are stored under.
    static func isLowercase(_ name: String) -> Bool {
        !name.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
