import Foundation
import Utilities

/// Writes CSV as RFC 4180 defines it, for every export; `CSVReader` reads what it writes.
public enum CSVWriter {
    /// One field, quoted when it holds a comma, quote or line break. A leading = + - @ tab or CR gets a
    /// quote mark in front unless the field is a number, so a learner's name cannot run as a formula in
    /// the spreadsheet that opens the export.
    public static func field(_ value: String) -> String {
        var text = value
        // Scalars, not Characters: "\r\n" is one Character, which equals neither "\r" nor "\n".
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil { text = "'" + text }
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
