internal import CQRencode
import Foundation

/// A QR code as a square of modules, made by libqrencode: what the PDF draws as filled squares.
struct QRCode {
    /// Modules per side, without the quiet zone.
    let size: Int
    /// Row by row, top first; true is a dark module.
    let modules: [Bool]

    subscript(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// The text in 8-bit mode at error-correction level M (15% of the code may be smudged or torn),
    /// the smallest version that holds it. nil when libqrencode refuses (text longer than a QR code holds).
    init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        // libqrencode marks a dark module with bit 0; the other bits say what the module is for.
        modules = (0..<size * size).map { code.pointee.data[$0] & 1 == 1 }
    }
}
