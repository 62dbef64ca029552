/// Text from users made safe to print on a terminal or in a log line: control characters (C0, DEL, C1)
/// and the bidirectional overrides are written as `\u{…}` escapes and a backslash as `\\`, so a stored
/// name or a request path cannot move the cursor, recolour the screen, forge a log line or reorder it.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        // Printable ASCII without a backslash (nearly every request path) needs nothing: one pass over the bytes.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }) { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                result += "\\\\"
            } else if scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
