internal import CHaru
import Foundation

/// What a certificate says.
public struct CertificateText: Sendable {
    public var title: String
    public var learner: String
    /// The sentence between the learner's name and the course title ("has completed the course").
    public var statement: String
    public var course: String
    public var date: String
    public var hours: String
    public var code: String
    public var verifyAt: String
    /// Who signs it, printed under a line; nil for none.
    public var signatory: String?

    public init(title: String, learner: String, statement: String = "", course: String, date: String, hours: String, code: String,
                verifyAt: String, signatory: String? = nil) {
        self.title = title
        self.learner = learner
        self.statement = statement
        self.course = course
        self.date = date
        self.hours = hours
        self.code = code
        self.verifyAt = verifyAt
        self.signatory = signatory
    }

    /// Every line in Unicode's composed form (NFC).
    var normalized: CertificateText {
        CertificateText(title: title.precomposedStringWithCanonicalMapping, learner: learner.precomposedStringWithCanonicalMapping,
                        statement: statement.precomposedStringWithCanonicalMapping, course: course.precomposedStringWithCanonicalMapping,
                        date: date, hours: hours, code: code.precomposedStringWithCanonicalMapping,
                        verifyAt: verifyAt.precomposedStringWithCanonicalMapping, signatory: signatory?.precomposedStringWithCanonicalMapping)
    }
}

/// A one-page A4 landscape certificate as PDF, written with libharu. Text is set in DejaVu Sans
/// (Debian's fonts-dejavu-core, embedded in the file): Latin, Greek, Cyrillic, Armenian and Georgian names
/// print; without it, the PDF falls back to Helvetica, which covers Western European names only. Text the
/// font cannot set (Chinese, Japanese, Korean, Indic scripts; right-to-left scripts, which libharu neither
/// reorders nor joins) is refused with `Failure.unprintable` instead of printing boxes or gaps.
public enum CertificatePDF {
    static let regularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// The text and its characters no font here can set (empty for other failures): the certificate
        /// is refused rather than printed with boxes or gaps in a learner's name.
        public var unprintable: (text: String, characters: [Character])?

        init(description: String, unprintable: (text: String, characters: [Character])? = nil) {
            self.description = description
            self.unprintable = unprintable
        }
    }

    /// The widest a line may be: the page less 80 points each side, inside the double border.
    static let margin: Float = 80

    public static func make(_ text: CertificateText) throws(Failure) -> [UInt8] {
        guard let pdf = HPDF_New(nil, nil) else { throw Failure(description: "libharu could not start a document") }
        defer { HPDF_Free(pdf) }
        HPDF_SetCompressionMode(pdf, UInt32(HPDF_COMP_ALL))
        var regular: HPDF_Font?
        var bold: HPDF_Font?
        if FileManager.default.fileExists(atPath: regularFont), FileManager.default.fileExists(atPath: boldFont) {
            HPDF_UseUTFEncodings(pdf)
            HPDF_SetCurrentEncoder(pdf, "UTF-8")
            if let name = HPDF_LoadTTFontFromFile(pdf, regularFont, HPDF_TRUE), let boldName = HPDF_LoadTTFontFromFile(pdf, boldFont, HPDF_TRUE) {
                regular = HPDF_GetFont(pdf, name, "UTF-8")
                bold = HPDF_GetFont(pdf, boldName, "UTF-8")
            }
        }
        if regular == nil || bold == nil {
            regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding")
            bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding")
        }
        guard let regular, let bold, let page = HPDF_AddPage(pdf) else { throw Failure(description: "libharu could not prepare the page") }
        // Precomposed forms: libharu places a combining accent as a separate glyph after its letter, not over it.
        let text = text.normalized
        for (line, font) in [(text.title, bold), (text.learner, bold), (text.statement, regular), (text.course, regular),
                             (text.signatory ?? "", regular), (text.code, bold), (text.verifyAt, regular)] {
            let missing = FontCoverage.unprintable(line, font: font)
            if !missing.isEmpty {
                throw Failure(description: "the certificate font cannot set \(missing.map { "'\($0)'" }.joined(separator: ", ")) in '\(line)'",
                              unprintable: (line, missing))
            }
        }
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE)
        let width = HPDF_Page_GetWidth(page)
        let height = HPDF_Page_GetHeight(page)

        // A double border.
        HPDF_Page_SetLineWidth(page, 3)
        HPDF_Page_Rectangle(page, 30, 30, width - 60, height - 60)
        HPDF_Page_Stroke(page)
        HPDF_Page_SetLineWidth(page, 1)
        HPDF_Page_Rectangle(page, 40, 40, width - 80, height - 80)
        HPDF_Page_Stroke(page)

        /// Sets `line` centred on `y`, shrunk (down to `minimum` points) and then wrapped onto up to two
        /// lines so that a long name or title stays inside the border.
        func centered(_ line: String, font: HPDF_Font, size: Float, minimum: Float, y: Float) {
            let (lines, fitted) = TextFitting.fit(line, maxWidth: width - 2 * margin, size: size, minimum: minimum, maxLines: 2) {
                Float(HPDF_Font_TextWidth(font, $0, UInt32($0.count)).width) / 1000
            }
            let leading = fitted * 1.2
            for (index, part) in lines.enumerated() {
                HPDF_Page_BeginText(page)
                HPDF_Page_SetFontAndSize(page, font, fitted)
                let lineWidth = HPDF_Page_TextWidth(page, part)
                let baseline = y + leading * (Float(lines.count - 1) / 2 - Float(index))
                HPDF_Page_TextOut(page, (width - lineWidth) / 2, baseline, part)
                HPDF_Page_EndText(page)
            }
        }
        centered(text.title, font: bold, size: 34, minimum: 20, y: height - 125)
        centered(text.learner, font: bold, size: 28, minimum: 16, y: height - 200)
        if !text.statement.isEmpty { centered(text.statement, font: regular, size: 14, minimum: 9, y: height - 245) }
        centered(text.course, font: regular, size: 22, minimum: 14, y: height - 290)
        centered(text.date + "  ·  " + text.hours, font: regular, size: 14, minimum: 8, y: height - 340)
        if let signatory = text.signatory {
            // A line to sign on, the signatory's name under it.
            HPDF_Page_SetLineWidth(page, 0.75)
            HPDF_Page_MoveTo(page, width / 2 - 130, 175)
            HPDF_Page_LineTo(page, width / 2 + 130, 175)
            HPDF_Page_Stroke(page)
            centered(signatory, font: regular, size: 13, minimum: 8, y: 158)
        }
        centered(text.code, font: bold, size: 14, minimum: 8, y: 110)
        centered(text.verifyAt, font: regular, size: 10, minimum: 6, y: 90)

        guard HPDF_SaveToStream(pdf) == HPDF_OK else { throw Failure(description: "libharu could not write the PDF (error \(HPDF_GetError(pdf)))") }
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard HPDF_ReadFromStream(pdf, &bytes, &size) == HPDF_OK || size > 0 else { throw Failure(description: "libharu could not read the PDF back") }
        return Array(bytes.prefix(Int(size)))
    }
}
