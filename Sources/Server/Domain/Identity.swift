import Foundation

/// How emails and usernames are compared and stored: one spelling per identity. NFKC folds compatibility
/// look-alikes (the Kelvin sign `K` is `K`, full-width `ａ` is `a`, NFD `é` is NFC `é`), then lower case;
/// SQLite's NOCASE folds ASCII only, so without this `Kate@…` (Kelvin) was a second account that
/// `Catalog.teaches` then matched to Kate's courses.
enum Identity {
    /// The stored and compared form of an email (trimmed, NFKC, lower case).
    static func email(_ text: String) -> String {
        fold(text)
    }

    /// The stored and compared form of a username (trimmed, NFKC, lower case).
    static func username(_ text: String) -> String {
        fold(text)
    }

    private static func fold(_ text: String) -> String {
        // Lower-casing can leave a string unnormalised (rarely), so normalise once more after it.
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping
            .lowercased().precomposedStringWithCanonicalMapping
    }

    /// Why a (folded) username may be mistaken for another, or nil. Policy: its letters come from one
    /// script (Chinese, Japanese and Korean count as one, as they mix), and a Cyrillic or Greek name
    /// must have a letter that does not look like a Latin one, so `аdmin` (Cyrillic а) and `рау`
    /// (all Cyrillic, read "pay") are refused while `мария` and `ελένη` are welcome.
    static func lookAlikeProblem(_ username: String) -> String? {
        let scripts = Set(username.unicodeScalars.compactMap(script))
        guard scripts.count <= 1 else { return "username must not mix letters from different scripts" }
        if scripts == ["Cyrillic"] || scripts == ["Greek"],
           username.unicodeScalars.allSatisfy({ !$0.properties.isAlphabetic || latinLookAlikes.contains($0) }) {
            return "username must not be spelled only with letters that look like Latin ones"
        }
        return nil
    }

    /// The script of a letter; nil for digits, punctuation and combining marks (they take their base's).
    static func script(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.isAlphabetic, scalar.properties.generalCategory != .nonspacingMark else { return nil }
        switch scalar.value {
        case 0x41...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F: return "Latin"
        case 0x370...0x3FF, 0x1F00...0x1FFF: return "Greek"
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return "Cyrillic"
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3040...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x3FFFF: return "CJK"
        default: return "U+" + String(scalar.value >> 7, radix: 16)   // another script: its 128-code-point block
        }
    }

    /// Lower-case Cyrillic and Greek letters drawn like Latin ones (after Unicode's confusables list).
    static let latinLookAlikes: Set<Unicode.Scalar> = Set("аеорсухіјѕԁһԛԝӏαεικνορυχγ".unicodeScalars)
}
