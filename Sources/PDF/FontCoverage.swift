internal import CHaru
import Foundation

/// Which characters a loaded libharu font can set legibly.
enum FontCoverage {
    /// The characters of `text` that `font` has no glyph for, or that libharu would set illegibly, in order,
    /// each once. Spaces and format characters are not counted.
    static func unprintable(_ text: String, font: HPDF_Font) -> [Character] {
        var missing: [Character] = []
        for character in text where !character.isWhitespace && !missing.contains(character) {
            if character.unicodeScalars.contains(where: { !printable($0, font: font) }) { missing.append(character) }
        }
        return missing
    }

    static func printable(_ scalar: Unicode.Scalar, font: HPDF_Font) -> Bool {
        if scalar.properties.generalCategory == .format { return true }
        if rightToLeft.contains(where: { $0.contains(scalar.value) }) { return false }
        guard let attributes = font.pointee.attr?.assumingMemoryBound(to: HPDF_FontAttr_Rec.self).pointee,
              attributes.type == HPDF_FONT_TRUETYPE || attributes.type == HPDF_FONT_TYPE0_TT else {
            // Helvetica in WinAnsiEncoding: what Windows-1252 holds.
            return String(scalar).data(using: .windowsCP1252) != nil
        }
        // libharu's UTF-8 text is 16-bit: nothing past the Basic Multilingual Plane (emoji, rare CJK) is set.
        guard scalar.value <= 0xFFFF else { return false }
        // Glyph 0 is `.notdef`, the empty box a font draws for a character it lacks.
        return HPDF_TTFontDef_GetGlyphid(attributes.fontdef, UInt16(scalar.value)) != 0
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms: libharu sets glyphs left to right,
    /// one by one, so these come out reversed and unjoined even where the font has the letters.
    static let rightToLeft: [ClosedRange<UInt32>] = [0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF]
}
