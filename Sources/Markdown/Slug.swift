import Foundation

/// URL- and id-friendly slugs: "Hola, ¿Qué tal?" → "hola-que-tal".
public enum Slug {
    /// Lowercases, folds accents, and joins runs of letters and digits with single hyphens.
    /// - Parameter maxLength: cut at a hyphen boundary at or before this many characters.
    /// - Returns: the slug; empty when the text has no Latin letters or digits.
    public static func make(_ text: String, maxLength: Int = .max) -> String {
        // ASCII has no accents or widths to fold: lowercasing it is the whole folding, without Foundation's cost.
        let folded = text.utf8.allSatisfy({ $0 < 0x80 }) ? text.lowercased()
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let isWordCharacter = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isWordCharacter {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        guard slug.count > maxLength else { return slug }
        let cut = slug.prefix(maxLength)
        if let lastHyphen = cut.lastIndex(of: "-") { return String(cut[..<lastHyphen]) }
        return String(cut)
    }
}
