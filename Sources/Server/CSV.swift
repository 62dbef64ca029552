/// Spreadsheet-safe CSV (RFC 4180) for exports and analytics.
public enum CSV {
    /// Quotes a field when it holds a comma, quote or line break, and defuses spreadsheet formulas
    /// (a leading = + - @ gets a quote mark unless the field is a number) so a learner's name cannot run code in the instructor's spreadsheet.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A header line and rows, CRLF line ends as RFC 4180 asks.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
