import Foundation

/// The words of a certificate and of its `/verify/` page, per language: the server prints them in the
/// course's language (`language:` in course.yaml), and in English for a language it has no words for.
/// A course's `certificate.title` and `certificate.text` replace the heading and the sentence.
struct CertificateWords: Sendable {
    var language: String
    var title: String
    /// Between the learner's name and the course title.
    var statement: String
    /// `{hours}`: the course's length, one decimal.
    var hours: String
    /// `{code}`.
    var code: String
    /// `{url}`: the full address of the verification page.
    var verifyAt: String
    /// When the server does not know its public address (`lectern serve` without `--public-url`).
    var verifyUnknown: String
    var validHeading: String
    /// `{learner}`, `{course}`.
    var validLine: String
    /// `{date}`, `{code}`.
    var issuedLine: String
    var revokedHeading: String
    /// `{course}`.
    var revokedLine: String
    var unknownHeading: String
    var unknownLine: String
    /// Whether the script runs right to left: the page sets `dir="rtl"`, and the PDF (whose library sets
    /// glyphs left to right, unjoined) prints the English words instead.
    var rightToLeft = false
    var decimalSeparator = "."

    static let english = CertificateWords(
        language: "en", title: "Certificate of completion", statement: "has completed the course",
        hours: "{hours} hours", code: "Verification code: {code}", verifyAt: "Verify at {url}",
        verifyUnknown: "To check this certificate, give its code to the school that issued it.",
        validHeading: "Valid certificate", validLine: "{learner} completed {course}.", issuedLine: "Issued {date}. Code {code}.",
        revokedHeading: "Revoked certificate", revokedLine: "This certificate for {course} was revoked and is no longer valid.",
        unknownHeading: "Unknown code", unknownLine: "No certificate has this code. Check that it was typed exactly as printed.")

    static let spanish = CertificateWords(
        language: "es", title: "Certificado de finalización", statement: "ha completado el curso",
        hours: "{hours} horas", code: "Código de verificación: {code}", verifyAt: "Verifíquelo en {url}",
        verifyUnknown: "Para comprobar este certificado, entregue su código a la escuela que lo emitió.",
        validHeading: "Certificado válido", validLine: "{learner} completó {course}.", issuedLine: "Emitido el {date}. Código {code}.",
        revokedHeading: "Certificado revocado", revokedLine: "Este certificado de {course} fue revocado y ya no es válido.",
        unknownHeading: "Código desconocido", unknownLine: "Ningún certificado tiene este código. Compruebe que lo escribió tal como está impreso.",
        decimalSeparator: ",")

    static let arabic = CertificateWords(
        language: "ar", title: "شهادة إتمام", statement: "أتمّ الدورة",
        hours: "{hours} ساعات", code: "رمز التحقق: {code}", verifyAt: "تحقق منها في {url}",
        verifyUnknown: "للتحقق من هذه الشهادة، أعطِ رمزها للمدرسة التي أصدرتها.",
        validHeading: "شهادة صالحة", validLine: "أتمّ {learner} الدورة {course}.", issuedLine: "صدرت في {date}. الرمز {code}.",
        revokedHeading: "شهادة ملغاة", revokedLine: "أُلغيت هذه الشهادة الخاصة بالدورة {course} ولم تعد صالحة.",
        unknownHeading: "رمز غير معروف", unknownLine: "لا توجد شهادة بهذا الرمز. تأكد من كتابته تمامًا كما هو مطبوع.",
        rightToLeft: true, decimalSeparator: "٫")

    static let all = [english, spanish, arabic]

    /// The words for a BCP 47 tag, by its primary language (`es-MX` → `es`); English when there are none.
    static func forLanguage(_ tag: String) -> CertificateWords {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return all.first { $0.language == primary } ?? english
    }

    /// The words a PDF can print: the language's own, or English for a right-to-left script.
    static func forPDF(_ tag: String) -> CertificateWords {
        let words = forLanguage(tag)
        return words.rightToLeft ? english : words
    }

    /// `template` with each `{name}` replaced.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}
