/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5), as JWTs use. Byte by byte: every
/// request with a token decodes one, and Foundation's string replacing cost more than the HMAC.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    /// Byte → its 6-bit value, 255 for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int(chunk >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            for shift in [18, 12, 6].prefix(rest + 1) { output.append(alphabet[Int(chunk >> UInt32(shift) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// nil for anything that is not canonical base64url: a byte outside the alphabet, padding, a length
    /// no encoding has, or unused low bits set in the last character ("…E" and "…F" must not both decode
    /// to the same bytes: a token has exactly one form).
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { utf8 -> [UInt8]? in
            guard utf8.count % 4 != 1 else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(utf8.count * 3 / 4)
            var chunk: UInt32 = 0
            var filled = 0
            for byte in utf8 {
                let value = values[Int(byte)]
                guard value != 255 else { return nil }
                chunk = chunk << 6 | UInt32(value)
                filled += 1
                if filled == 4 {
                    output.append(UInt8(chunk >> 16 & 255))
                    output.append(UInt8(chunk >> 8 & 255))
                    output.append(UInt8(chunk & 255))
                    chunk = 0
                    filled = 0
                }
            }
            switch filled {
            case 2:
                guard chunk & 0xF == 0 else { return nil }
                output.append(UInt8(chunk >> 4 & 255))
            case 3:
                guard chunk & 0x3 == 0 else { return nil }
                output.append(UInt8(chunk >> 10 & 255))
                output.append(UInt8(chunk >> 2 & 255))
            default:
                break
            }
            return output
        }
    }
}
