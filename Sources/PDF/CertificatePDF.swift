internal import CHaru
import Foundation

/// What a certificate says.
public struct CertificateText: Sendable {
    public var title: String
    public var learner: String
    public var course: String
    public var date: String
    public var hours: String
    public var code: String
    public var verifyAt: String

    public init(title: String, learner: String, course: String, date: String, hours: String, code: String, verifyAt: String) {
        self.title = title
        self.learner = learner
        self.course = course
        self.date = date
        self.hours = hours
        self.code = code
        self.verifyAt = verifyAt
    }
}

/// A one-page A4 landscape certificate as PDF, written with libharu. Text is set in DejaVu Sans
/// (Debian's fonts-dejavu-core, embedded in the file) so any learner's name prints; without it,
/// the PDF falls back to Helvetica, which covers Western European names only.
public enum CertificatePDF {
    static let regularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

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

        func centered(_ line: String, font: HPDF_Font, size: Float, y: Float) {
            HPDF_Page_BeginText(page)
            HPDF_Page_SetFontAndSize(page, font, size)
            let lineWidth = HPDF_Page_TextWidth(page, line)
            HPDF_Page_TextOut(page, (width - lineWidth) / 2, y, line)
            HPDF_Page_EndText(page)
        }
        centered(text.title, font: bold, size: 34, y: height - 130)
        centered(text.learner, font: bold, size: 28, y: height - 220)
        centered(text.course, font: regular, size: 22, y: height - 290)
        centered(text.date + "  ·  " + text.hours, font: regular, size: 14, y: height - 340)
        centered(text.code, font: bold, size: 14, y: 110)
        centered(text.verifyAt, font: regular, size: 10, y: 90)

        guard HPDF_SaveToStream(pdf) == HPDF_OK else { throw Failure(description: "libharu could not write the PDF (error \(HPDF_GetError(pdf)))") }
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard HPDF_ReadFromStream(pdf, &bytes, &size) == HPDF_OK || size > 0 else { throw Failure(description: "libharu could not read the PDF back") }
        return Array(bytes.prefix(Int(size)))
    }
}
