internal import CHaru
import Foundation

/// What one sign-in card says.
public struct SignInCard: Sendable {
    public var name: String
    public var username: String
    /// A first-use password: the learner must choose their own at the first sign-in.
    public var password: String
    /// The kiosk's address, printed as text and as a QR code.
    public var address: String

    public init(name: String, username: String, password: String, address: String) {
        self.name = name
        self.username = username
        self.password = password
        self.address = address
    }
}

/// The words around a card's values, so a caller can print them in the school's language.
/// A label the fonts cannot set (a right-to-left language, which libharu cannot lay out) is printed in
/// English instead: the values on a card matter, its labels only help.
public struct SignInCardLabels: Sendable {
    public var username = "Username"
    public var password = "Password"
    public var passwordNote = "Use once: choose your own at the first sign-in"
    public var signInAt = "Sign in at"

    public init() {}

    public init(username: String?, password: String?, passwordNote: String?, signInAt: String?) {
        if let username { self.username = username }
        if let password { self.password = password }
        if let passwordNote { self.passwordNote = passwordNote }
        if let signInAt { self.signInAt = signInAt }
    }
}

/// Sign-in cards for a classroom as a PDF: eight cards on each A4 page, two across and four down, each
/// inside a dashed cut line with a margin all round, so a teacher prints, cuts and hands them out.
/// Text is set in DejaVu (as on certificates, `CertificatePDF`); a name the fonts cannot set is refused
/// rather than printed with boxes. The QR code is drawn as filled squares: vector, sharp on any printer.
public enum SignInCardsPDF {
    static let regularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    static let monoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"

    public typealias Failure = CertificatePDF.Failure

    /// Cards per row and per column of a page.
    static let columns = 2, rows = 4
    /// Paper left at the page's edges (most printers cannot print the outer 5 mm) and inside each card's cut line.
    static let pageMargin: Float = 28, padding: Float = 14
    static let qrSide: Float = 104

    public static func make(_ cards: [SignInCard], labels: SignInCardLabels = SignInCardLabels()) throws(Failure) -> [UInt8] {
        guard !cards.isEmpty else { throw Failure(description: "no accounts to make cards for") }
        guard let pdf = HPDF_New(nil, nil) else { throw Failure(description: "libharu could not start a document") }
        defer { HPDF_Free(pdf) }
        HPDF_SetCompressionMode(pdf, UInt32(HPDF_COMP_ALL))
        let fonts = try Fonts(pdf)
        // Precomposed forms: libharu places a combining accent as a separate glyph after its letter, not over it.
        let cards = cards.map {
            SignInCard(name: $0.name.precomposedStringWithCanonicalMapping, username: $0.username.precomposedStringWithCanonicalMapping,
                       password: $0.password, address: $0.address)
        }
        let labels = printable(labels, font: fonts.regular)
        for card in cards {
            for (text, font) in [(card.name, fonts.bold), (card.username, fonts.mono), (card.password, fonts.mono), (card.address, fonts.regular)] {
                let missing = FontCoverage.unprintable(text, font: font)
                if !missing.isEmpty {
                    throw Failure(description: "the card font cannot set \(missing.map { "'\($0)'" }.joined(separator: ", ")) in '\(text)'",
                                  unprintable: (text, missing))
                }
            }
            guard QRCode(card.address) != nil else { throw Failure(description: "the address is too long for a QR code: \(card.address)") }
        }
        let perPage = columns * rows
        for start in stride(from: 0, to: cards.count, by: perPage) {
            guard let page = HPDF_AddPage(pdf) else { throw Failure(description: "libharu could not add a page") }
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT)
            let cardWidth = (HPDF_Page_GetWidth(page) - 2 * pageMargin) / Float(columns)
            let cardHeight = (HPDF_Page_GetHeight(page) - 2 * pageMargin) / Float(rows)
            for (index, card) in cards[start..<min(start + perPage, cards.count)].enumerated() {
                let x = pageMargin + Float(index % columns) * cardWidth
                let top = HPDF_Page_GetHeight(page) - pageMargin - Float(index / columns) * cardHeight
                draw(card, labels: labels, on: page, fonts: fonts, x: x, top: top, width: cardWidth, height: cardHeight)
            }
        }
        guard HPDF_SaveToStream(pdf) == HPDF_OK else { throw Failure(description: "libharu could not write the PDF (error \(HPDF_GetError(pdf)))") }
        var size = HPDF_GetStreamSize(pdf)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard HPDF_ReadFromStream(pdf, &bytes, &size) == HPDF_OK || size > 0 else { throw Failure(description: "libharu could not read the PDF back") }
        return Array(bytes.prefix(Int(size)))
    }
}

private extension SignInCardsPDF {
    /// Each label in composed form, or the English one where the font cannot set it.
    static func printable(_ labels: SignInCardLabels, font: HPDF_Font) -> SignInCardLabels {
        let english = SignInCardLabels()
        func pick(_ label: String, _ fallback: String) -> String {
            let label = label.precomposedStringWithCanonicalMapping
            return FontCoverage.unprintable(label, font: font).isEmpty ? label : fallback
        }
        return SignInCardLabels(username: pick(labels.username, english.username), password: pick(labels.password, english.password),
                                passwordNote: pick(labels.passwordNote, english.passwordNote), signInAt: pick(labels.signInAt, english.signInAt))
    }

    struct Fonts {
        let regular: HPDF_Font, bold: HPDF_Font, mono: HPDF_Font

        /// DejaVu when installed (any Latin, Greek or Cyrillic name); Helvetica and Courier otherwise.
        init(_ pdf: HPDF_Doc) throws(Failure) {
            var loaded: [HPDF_Font] = []
            if [regularFont, boldFont, monoFont].allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
                HPDF_UseUTFEncodings(pdf)
                HPDF_SetCurrentEncoder(pdf, "UTF-8")
                for file in [regularFont, boldFont, monoFont] {
                    if let name = HPDF_LoadTTFontFromFile(pdf, file, HPDF_TRUE), let font = HPDF_GetFont(pdf, name, "UTF-8") { loaded.append(font) }
                }
            }
            if loaded.count != 3 {
                loaded = ["Helvetica", "Helvetica-Bold", "Courier-Bold"].compactMap { (name: String) in HPDF_GetFont(pdf, name, "WinAnsiEncoding") }
            }
            guard loaded.count == 3 else { throw Failure(description: "libharu could not load the card fonts") }
            (regular, bold, mono) = (loaded[0], loaded[1], loaded[2])
        }
    }

    static func draw(_ card: SignInCard, labels: SignInCardLabels, on page: HPDF_Page, fonts: Fonts,
                     x: Float, top: Float, width: Float, height: Float) {
        // The cut line: dashed, light grey, so a slightly crooked cut does not leave a dark edge.
        HPDF_Page_SetGrayStroke(page, 0.6)
        HPDF_Page_SetLineWidth(page, 0.5)
        var dash: [HPDF_UINT16] = [4, 3]
        HPDF_Page_SetDash(page, &dash, 2, 0)
        HPDF_Page_Rectangle(page, x, top - height, width, height)
        HPDF_Page_Stroke(page)
        HPDF_Page_SetDash(page, nil, 0, 0)

        let left = x + padding
        let full = width - 2 * padding
        let beside = full - qrSide - padding
        var y = top - padding
        y = text(card.name.isEmpty ? card.username : card.name, font: fonts.bold, size: 14, minimum: 8, x: left, y: y, width: full, lines: 2, on: page) - 4
        let qrTop = y
        y = text(labels.username, font: fonts.regular, size: 7, minimum: 5, x: left, y: y, width: beside, lines: 1, on: page, gray: 0.35)
        y = text(card.username, font: fonts.mono, size: 12, minimum: 6, x: left, y: y, width: beside, lines: 1, on: page) - 3
        y = text(labels.password, font: fonts.regular, size: 7, minimum: 5, x: left, y: y, width: beside, lines: 1, on: page, gray: 0.35)
        y = text(card.password, font: fonts.mono, size: 12, minimum: 6, x: left, y: y, width: beside, lines: 1, on: page)
        y = text(labels.passwordNote, font: fonts.regular, size: 6.5, minimum: 4, x: left, y: y, width: beside, lines: 2, on: page, gray: 0.35) - 3
        y = text(labels.signInAt, font: fonts.regular, size: 7, minimum: 5, x: left, y: y, width: beside, lines: 1, on: page, gray: 0.35)
        address(card.address, font: fonts.regular, x: left, y: y, width: beside, on: page)
        if let code = QRCode(card.address) {
            let side = min(qrSide, qrTop - (top - height + padding))
            drawQR(code, on: page, x: x + width - padding - side, top: qrTop, side: side)
        }
    }

    /// Sets `line` left-aligned below `y`, shrunk and wrapped to fit `width`; answers the y below it.
    static func text(_ line: String, font: HPDF_Font, size: Float, minimum: Float, x: Float, y: Float, width: Float, lines maxLines: Int,
                     on page: HPDF_Page, gray: Float = 0) -> Float {
        let (lines, fitted) = TextFitting.fit(line, maxWidth: width, size: size, minimum: minimum, maxLines: maxLines) {
            Float(HPDF_Font_TextWidth(font, $0, UInt32($0.count)).width) / 1000
        }
        var baseline = y
        HPDF_Page_SetGrayFill(page, gray)
        for part in lines {
            baseline -= fitted * 1.15
            HPDF_Page_BeginText(page)
            HPDF_Page_SetFontAndSize(page, font, fitted)
            HPDF_Page_TextOut(page, x, baseline, part)
            HPDF_Page_EndText(page)
        }
        HPDF_Page_SetGrayFill(page, 0)
        return baseline - fitted * 0.3
    }

    /// The address, on one line when it fits at 6.5 points or more; else, as it has no spaces to wrap at,
    /// broken after `/`, `.` or `:` (not after `-`, which would read as a hyphen added at the line's end),
    /// anywhere failing that, onto up to three lines at the largest size from 8 points down that fits, so
    /// a long address stays legible.
    static func address(_ line: String, font: HPDF_Font, x: Float, y: Float, width: Float, on page: HPDF_Page) {
        func fits(_ part: String, _ size: Float) -> Bool {
            Float(HPDF_Font_TextWidth(font, part, UInt32(part.utf8.count)).width) / 1000 * size <= width
        }
        // One line when it fits at 6.5 points or more: an address is easiest to type from one line.
        var size: Float = 8
        while size > 6.5, !fits(line, size) { size -= 0.5 }
        var lines = [line]
        if !fits(line, size) {
            size = 8
            while size >= 4 {
                lines = TextFitting.breakAnywhere(line, preferringAfter: "/.:") { fits($0, size) }
                if lines.count <= 3 { break }
                size -= 0.5
            }
        }
        var baseline = y
        for part in lines {
            baseline -= size * 1.15
            HPDF_Page_BeginText(page)
            HPDF_Page_SetFontAndSize(page, font, size)
            HPDF_Page_TextOut(page, x, baseline, part)
            HPDF_Page_EndText(page)
        }
    }

    /// The modules as black squares inside a four-module quiet zone (the paper), which readers need
    /// to find the code. A horizontal run of dark modules is one rectangle: fewer paths, no hairline
    /// gaps between neighbours at some zoom levels.
    static func drawQR(_ code: QRCode, on page: HPDF_Page, x: Float, top: Float, side: Float) {
        let module = side / Float(code.size + 8)
        let originX = x + 4 * module, originTop = top - 4 * module
        HPDF_Page_SetGrayFill(page, 0)
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code[row, column] else { column += 1; continue }
                let start = column
                while column < code.size, code[row, column] { column += 1 }
                HPDF_Page_Rectangle(page, originX + Float(start) * module, originTop - Float(row + 1) * module,
                                    Float(column - start) * module, module)
            }
        }
        HPDF_Page_Fill(page)
    }
}
