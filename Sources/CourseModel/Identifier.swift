import Foundation
import Markdown

/// Stable identifiers: derived from names without their numeric prefix, so reordering never changes
/// them, or written by the author with `id:`.
public enum Identifier {
    /// Whether an author-written id is acceptable: letters, digits, `.`, `_`, `-`, starting with a
    /// letter or digit, at most 64 characters. These survive URLs, SCORM and JSON unescaped.
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64, isAlphanumeric(first) else { return false }
        return id.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// A name split into its ordering number and the rest: `02-loops` → (2, "loops"); `intro` → (nil, "intro").
    public static func splitPrefix(_ name: String) -> (order: Int?, rest: String) {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let order = Int(digits) else { return (nil, name) }
        var rest = name.dropFirst(digits.count)
        if let separator = rest.first, "-_. ".contains(separator) { rest = rest.dropFirst() }
        return (order, String(rest))
    }

    /// An id derived from free text (a prompt, a choice), or `prefix-<hash>` when the text has no
    /// Latin letters or digits to slugify (an Arabic prompt, say). The hash is FNV-1a: stable across runs.
    static func derived(fromText text: String, maxLength: Int, hashPrefix: String) -> String {
        let slug = Slug.make(text, maxLength: maxLength)
        if !slug.isEmpty { return slug }
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hashPrefix + "-" + String(hash, radix: 16)
    }

    /// "01-getting-started" → "Getting started", for modules without a title.
    static func humanized(_ name: String) -> String {
        let words = splitPrefix(name).rest.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))
    }
}
