/// The widest table row a lesson may hold, found with one pass over its bytes before parsing.
enum TableWidth {
    /// Far more columns than a page can show; keeps cmark-gfm's per-row cost (quadratic in columns) small.
    static let maximumColumns = 256

    /// The line with the most unescaped `|`, as (line starting at 1, cells it would make), or nil without any.
    static func widestRow(in bytes: [UInt8]) -> (line: Int, columns: Int)? {
        var widest: (line: Int, columns: Int)?
        var line = 1
        var pipes = 0
        var escaped = false
        var first: UInt8?
        var last: UInt8?
        func endLine() {
            // "a|b" has 1 pipe and 2 cells; "|a|b|" has 3: a leading and a trailing pipe open no cell.
            let columns = pipes + 1 - (first == UInt8(ascii: "|") ? 1 : 0) - (last == UInt8(ascii: "|") && pipes > 1 ? 1 : 0)
            if pipes > 0, columns > (widest?.columns ?? 0) { widest = (line, columns) }
            pipes = 0
            first = nil
            last = nil
        }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                endLine()
                line += 1
                continue
            }
            if byte == UInt8(ascii: "|") && !escaped { pipes += 1 }
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                if first == nil { first = byte }
                last = byte
            }
            escaped = byte == UInt8(ascii: "\\") && !escaped
        }
        endLine()
        return widest
    }
}
