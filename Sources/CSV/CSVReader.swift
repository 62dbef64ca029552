/// A row read from CSV text, with the line it starts on (starting at 1) for messages.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

/// CSV text that breaks RFC 4180, at its position (line and column starting at 1).
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}

/// Reads CSV as RFC 4180 defines it (the roster import): what `CSVWriter` writes, and what spreadsheets save.
public enum CSVReader {
    /// Reads every record: fields split at commas; a quoted field may hold commas, line breaks and
    /// doubled quotes. Lines end in CRLF or LF; blank lines are skipped.
    /// - Throws: `CSVError` for a quote left open or text after a closing quote.
    public static func records(_ text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1, column = 0
        var recordLine = 1
        var quoted = false, wasQuoted = false
        var quoteStart = (line: 1, column: 1)
        var characters = text.makeIterator()
        var pending: Character?

        func endRecord() {
            fields.append(field)
            if fields != [""] || wasQuoted { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            wasQuoted = false
        }

        while let character = pending ?? characters.next() {
            pending = nil
            column += 1
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 1
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                    // "\r\n" is one Character in Swift.
                    if character == "\n" || character == "\r\n" {
                        line += 1
                        column = 0
                    }
                }
                continue
            }
            switch character {
            case ",":
                fields.append(field)
                field = ""
                wasQuoted = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                column = 0
                recordLine = line
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
                quoteStart = (line, column)
            default:
                if wasQuoted {
                    throw CSVError(line: line, column: column, message: "text after a closing quote; double a quote inside a quoted field (\"\")")
                }
                field.append(character)
            }
        }
        if quoted { throw CSVError(line: quoteStart.line, column: quoteStart.column, message: "the quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
