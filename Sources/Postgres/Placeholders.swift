/// SQLite's parameter spellings in PostgreSQL's: `?` becomes `$1`, `$2`… in order and `?N` becomes `$N`,
/// outside string literals, quoted identifiers and comments, so one SQL text serves both databases.
public enum Placeholders {
    public static func postgres(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 8)
        var next = 1
        var characters = Array(sql.unicodeScalars)[...]
        while let character = characters.popFirst() {
            switch character {
            case "'", "\"":
                // A literal or quoted identifier runs to its closing quote; a doubled quote is part of it.
                output.unicodeScalars.append(character)
                while let inner = characters.popFirst() {
                    output.unicodeScalars.append(inner)
                    if inner == character {
                        if characters.first == character { output.unicodeScalars.append(characters.removeFirst()) } else { break }
                    }
                }
            case "-" where characters.first == "-":
                output.unicodeScalars.append(character)
                while let inner = characters.popFirst() {
                    output.unicodeScalars.append(inner)
                    if inner == "\n" { break }
                }
            case "?":
                var digits = ""
                while let digit = characters.first, ("0"..."9").contains(digit) { digits.unicodeScalars.append(characters.removeFirst()) }
                if digits.isEmpty {
                    output += "$\(next)"
                    next += 1
                } else {
                    output += "$" + digits
                }
            default:
                output.unicodeScalars.append(character)
            }
        }
        return output
    }
}
