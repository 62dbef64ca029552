import Foundation

/// A learner's answer to one question as JSON carries it: a string (a choice id, typed text or a
/// number written out), a list of choice ids, a number or a boolean.
public enum SubmittedAnswer: Sendable, Equatable {
    case text(String)
    case list([String])
    case number(Double)
    case bool(Bool)
}

/// The grading rules, written once in docs/course-format.md ("How answers are graded") and checked
/// against the shared cases in Tests/SharedCases/grading.json, which the browser's grading.js must
/// pass too. Keep the two implementations in step: a rule changes in the cases file first.
extension Question {
    public func isCorrect(_ answer: SubmittedAnswer?) -> Bool {
        guard let answer else { return false }
        switch self.answer {
        case .single(let choices):
            guard let id = Self.oneChoice(answer) else { return false }
            return choices.first(where: \.isCorrect)?.id == id
        case .trueFalse(let value):
            if case .bool(let flag) = answer { return flag == value }
            return Self.oneChoice(answer) == (value ? "true" : "false")
        case .multiple(let choices):
            let chosen: Set<String>
            switch answer {
            case .list(let ids): chosen = Set(ids.filter { !$0.isEmpty })
            case .text(let id) where !id.isEmpty: chosen = [id]
            default: return false
            }
            return !chosen.isEmpty && chosen == Set(choices.filter(\.isCorrect).map(\.id))
        case .short(let accepted, let caseSensitive, let ignoreAccents):
            guard case .text(let text) = answer else { return false }
            let given = ShortAnswer.normalized(text, caseSensitive: caseSensitive, ignoreAccents: ignoreAccents)
            guard !given.isEmpty else { return false }
            return accepted.contains {
                ShortAnswer.normalized($0, caseSensitive: caseSensitive, ignoreAccents: ignoreAccents) == given
            }
        case .numeric(let value, let tolerance):
            let given: Double?
            switch answer {
            case .number(let number): given = number.isFinite ? number : nil
            case .text(let text): given = NumberAnswer.parse(text)
            default: given = nil
            }
            guard let given else { return false }
            return NumberAnswer.matches(given, value: value, tolerance: tolerance)
        }
    }

    /// The one chosen id of a single or true_false answer: a string, or a list holding exactly one.
    private static func oneChoice(_ answer: SubmittedAnswer) -> String? {
        switch answer {
        case .text(let id) where !id.isEmpty: id
        case .list(let ids) where ids.count == 1 && !ids[0].isEmpty: ids[0]
        default: nil
        }
    }
}

/// How typed numbers are read: one decimal separator, a dot or a comma (or the Arabic decimal
/// separator); a sign, "-", "+" or the minus sign U+2212; an optional exponent; ASCII, Arabic-Indic and
/// full-width digits. No digit grouping, no hexadecimal, no infinity or NaN.
public enum NumberAnswer {
    public static func parse(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, ShortAnswer.isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, ShortAnswer.isSpace(last) { scalars.removeLast() }
        var ascii = ""
        for scalar in scalars {
            switch scalar.value {
            case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x65, 0x45: ascii.unicodeScalars.append(scalar)
            case 0x2C, 0x066B: ascii += "."                         // decimal comma, Arabic decimal separator
            case 0x2212: ascii += "-"                               // minus sign
            case 0x0660...0x0669: ascii += String(scalar.value - 0x0660)   // Arabic-Indic digits
            case 0x06F0...0x06F9: ascii += String(scalar.value - 0x06F0)   // Extended Arabic-Indic digits
            case 0xFF10...0xFF19: ascii += String(scalar.value - 0xFF10)   // full-width digits
            default: return nil
            }
        }
        guard isDecimal(Array(ascii.utf8)), let number = Double(ascii), number.isFinite else { return nil }
        return number
    }

    /// Within the tolerance, with room for the rounding of decimal fractions (1e-9 of the value, at least 1e-9).
    public static func matches(_ given: Double, value: Double, tolerance: Double) -> Bool {
        abs(given - value) <= tolerance + 1e-9 * max(1, abs(value))
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`
    private static func isDecimal(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}

/// How typed short answers are compared: Unicode NFC; surrounding white space dropped and inner runs
/// made one space; unless `case_sensitive`, letters lowercased with final sigma and sharp s folded
/// (so "ΟΔΟΣ" = "οδος" and "STRASSE" = "straße"); with `ignore_accents`, combining marks dropped.
public enum ShortAnswer {
    public static func normalized(_ text: String, caseSensitive: Bool, ignoreAccents: Bool) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if isSpace(scalar) {
                if !word.isEmpty { words.append(word); word = "" }
            } else {
                word.unicodeScalars.append(scalar)
            }
        }
        if !word.isEmpty { words.append(word) }
        var result = words.joined(separator: " ")
        if ignoreAccents {
            let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
            var stripped = String.UnicodeScalarView()
            for scalar in result.decomposedStringWithCanonicalMapping.unicodeScalars
            where !marks.contains(scalar.properties.generalCategory) {
                stripped.append(scalar)
            }
            result = String(stripped).precomposedStringWithCanonicalMapping
        }
        if !caseSensitive {
            result = result.lowercased().replacingOccurrences(of: "ς", with: "σ").replacingOccurrences(of: "ß", with: "ss")
                .precomposedStringWithCanonicalMapping
        }
        return result
    }

    /// White space as JavaScript's `\s` sees it, so both sides split words at the same places.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }
}

extension Quiz {
    /// Points earned and the score in percent (one decimal) for a set of answers by question id.
    public func grade(_ answers: [String: SubmittedAnswer]) -> (earned: Double, score: Double, correct: Set<String>) {
        var earned = 0.0
        var correct: Set<String> = []
        for question in questions where question.isCorrect(answers[question.id]) {
            earned += question.points
            correct.insert(question.id)
        }
        return (earned, Self.score(earned: earned, total: totalPoints), correct)
    }

    /// Percent of the points, one decimal, rounded half up; 0 for a quiz worth nothing.
    public static func score(earned: Double, total: Double) -> Double {
        total > 0 ? (earned / total * 1000).rounded() / 10 : 0
    }
}
