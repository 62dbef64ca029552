import Foundation
import Utilities

/// Writes CSV as RFC 4180 defines it, for every export; `CSVReader` reads what it writes.
public enum CSVWriter {
    /// One field, quoted when it holds a comma, quote or line break, with formulas defused first
    /// (`defusingFormulas`), so a learner's name cannot run in the spreadsheet that opens the export.
    public static func field(_ value: String) -> String {
        let text = defusingFormulas(value)
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `value` with a quote mark (`'`) put in front of every part a spreadsheet could read as a formula.
    ///
    /// A part starts at the start of the field and after each `,` `;` or line break inside it: a spreadsheet
    /// set up for `;` as list separator (German, French, Dutch… locales) splits a line at `;` and ignores our
    /// quoting, so `Ada;=cmd|' /C calc'!A0` becomes a cell `=cmd…`. A part is a formula when, after spaces,
    /// tabs and quote marks (which spreadsheets may strip), it starts with = + - @ or their full-width forms
    /// (OWASP "CSV Injection"); a part that is only a number ("-12.5") stays as it is, so scores stay numbers.
    /// A field that starts with a tab or carriage return is also prefixed, as OWASP advises.
    public static func defusingFormulas(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        var output = String.UnicodeScalarView()
        var start = 0
        while start <= scalars.count {
            var end = start
            while end < scalars.count, !separators.contains(scalars[end]) { end += 1 }
            let part = scalars[start..<end]
            let controlFirst = start == 0 && (scalars.first == "\t" || scalars.first == "\r")
            if controlFirst || needsQuoteMark(part) { output.append("'") }
            output.append(contentsOf: part)
            if end < scalars.count { output.append(scalars[end]) }
            start = end + 1
        }
        return String(output)
    }

    /// A header line and rows, each ended by CRLF as RFC 4180 asks.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// A number cell: "" for none, whole numbers without ".0".
    public static func number(_ value: Double?) -> String {
        value?.plainText ?? ""
    }
}

private extension CSVWriter {
    /// Where a spreadsheet may start a new cell inside our field: list separators of both kinds, line breaks.
    static let separators: Set<Unicode.Scalar> = [",", ";", "\n", "\r"]
    /// What spreadsheets skip or strip before looking at a cell's first character.
    static let skipped: Set<Unicode.Scalar> = [" ", "\t", "\r", "\u{A0}", "\"", "'"]
    /// The first characters that make a formula: = + - @, and the full-width forms some locales accept.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    static func needsQuoteMark(_ part: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let lead = part.firstIndex(where: { !skipped.contains($0) }), formulaStarts.contains(part[lead]) else { return false }
        return !isPlainNumber(String(String.UnicodeScalarView(part[lead...])).trimmingCharacters(in: .whitespaces))
    }

    /// "-12.5", "+3", "7": a signed decimal, which every spreadsheet reads as a number, not a formula.
    static func isPlainNumber(_ text: String) -> Bool {
        text.wholeMatch(of: /[+-]?[0-9]+(\.[0-9]+)?/) != nil
    }
}
