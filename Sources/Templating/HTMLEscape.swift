extension String {
    /// Appends `text` with `& < > " '` replaced by character references, so that a value can go in element
    /// content and in quoted attributes. The spec fixes the first four as `&amp; &lt; &gt; &quot;`;
    /// `'` becomes `&#39;` for single-quoted attributes (the spec tests never interpolate a `'`).
    mutating func appendHTMLEscaped(_ text: String) {
        // Most values need no escaping, so check first and append them as they are.
        guard text.utf8.contains(where: { $0.needsHTMLEscape }) else {
            append(text)
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        append(String(decoding: bytes, as: UTF8.self))
    }
}

private extension UInt8 {
    var needsHTMLEscape: Bool {
        self == UInt8(ascii: "&") || self == UInt8(ascii: "<") || self == UInt8(ascii: ">")
            || self == UInt8(ascii: "\"") || self == UInt8(ascii: "'")
    }
}
