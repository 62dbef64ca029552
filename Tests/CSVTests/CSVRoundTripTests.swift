// What the exports write, the roster import reads back: quoted commas, quotes, line breaks and all.
@testable import CSV
import Testing

@Test func whatTheWriterWritesTheReaderReadsBack() throws {
    let header = ["email", "username", "name", "note"]
    let rows = [
        ["ana@example.org", "ana", "López, Ana", "said \"hello\""],
        ["bo@example.org", "bo", "", "two\nlines"],
        ["cy@example.org", "cy", "Ćwik", "crlf\r\ninside"],
        ["", "", "", ""],
        ["-5", "3.5", "1,000", "ünïcödé ✓"],
    ]
    let text = CSVWriter.table(header, rows)
    let records = try CSVReader.records(text)
    #expect(records.map(\.fields) == [header] + rows)
    // A record starts on the line after the line breaks of the quoted field before it.
    #expect(records.map(\.line) == [1, 2, 3, 5, 7, 8])
}

@Test func formulasAreDefusedAndNumbersKept() {
    #expect(CSVWriter.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
    #expect(CSVWriter.field("-12.5") == "-12.5")
    #expect(CSVWriter.number(100) == "100" && CSVWriter.number(62.5) == "62.5" && CSVWriter.number(nil) == "")
}

@Test func readerTakesLineFeedsAndSkipsBlankLines() throws {
    let records = try CSVReader.records("a,b\n\n1,\"x, y\"\n")
    #expect(records == [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 3, fields: ["1", "x, y"])])
}

@Test func anUnclosedQuoteIsReportedWhereItOpens() {
    #expect(throws: CSVError(line: 2, column: 3, message: "the quoted field is never closed")) {
        try CSVReader.records("a,b\n1,\"open\n")
    }
    #expect(throws: CSVError(line: 1, column: 5, message: "text after a closing quote; double a quote inside a quoted field (\"\")")) {
        try CSVReader.records("\"ab\"c")
    }
}

@Test func formulasAfterSemicolonsCommasAndLineBreaksAreDefused() throws {
    // A spreadsheet whose list separator is ";" splits this field and would run the second cell.
    #expect(CSVWriter.field("Ada;=cmd|' /C calc'!A0") == "Ada;'=cmd|' /C calc'!A0")
    #expect(CSVWriter.field("Ada, +1+cmd") == "\"Ada,' +1+cmd\"")
    #expect(CSVWriter.field("Ada\n@SUM(A1)") == "\"Ada\n'@SUM(A1)\"")
    // Spaces, tabs and quote marks in front do not hide a formula.
    #expect(CSVWriter.field("  =1+1") == "'  =1+1")
    #expect(CSVWriter.field("\"-2+3\"") == "\"'\"\"-2+3\"\"\"")
    #expect(CSVWriter.field("x;\t=1") == "x;'\t=1")
    #expect(CSVWriter.field("\u{FF1D}1+1") == "'\u{FF1D}1+1")
    #expect(CSVWriter.field("\tindented") == "'\tindented")
    // Names with a hyphen inside, numbers and negative numbers after a separator stay as they are.
    #expect(CSVWriter.field("Jean-Luc Picard") == "Jean-Luc Picard")
    #expect(CSVWriter.field("-3") == "-3" && CSVWriter.field("scores;-3;+4.5") == "scores;-3;+4.5")
    // What was written reads back to the defused text, one field per cell.
    let text = CSVWriter.table(["name", "score"], [["Ada;=1+1", "-2"]])
    #expect(try CSVReader.records(text).map(\.fields) == [["name", "score"], ["Ada;'=1+1", "-2"]])
}
