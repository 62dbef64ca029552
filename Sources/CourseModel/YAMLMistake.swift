import Foundation
import YAML

/// A YAML syntax error told in the author's terms. libyaml says what its parser expected ("mapping values
/// are not allowed in this context"); this reads the offending line and says what was written wrong, at
/// the place to fix, with the fix: a value with ": " that needs quotes, a line indented one space off, a
/// tab, a quote never closed.
struct YAMLMistake {
    var message: String
    /// Where to look, in the parsed text (1-based line and character column).
    var line: Int
    var column: Int
    var hint: String?

    /// - Parameters:
    ///   - what: how to name the text when no explanation fits ("YAML", "front matter").
    ///   - lineOffset: lines before the parsed text in its file (front matter), for positions in the message.
    init(_ error: YAMLError, in text: String, what: String = "YAML", lineOffset: Int = 0) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        let source = Source(lines: lines)
        line = error.mark.line
        column = error.mark.column
        message = "malformed \(what): \(error.message(lineOffset: lineOffset))"
        hint = nil
        let problem = error.problem, context = error.context
        if problem.hasPrefix("found character that cannot start any token") || problem.contains("tab character") {
            explainBadCharacter(source)
        } else if problem.hasPrefix("mapping values are not allowed") {
            explainUnexpectedColon(source)
        } else if problem.hasPrefix("could not find expected ':'"), let context {
            let key = source.text(context.mark.line).trimmed
            (line, column) = (context.mark.line, context.mark.column)
            message = "'\(key)' has no ':' after it, so YAML cannot tell the key from the value"
            hint = "write the key, a colon and a space, then the value: 'key: value'"
        } else if problem.hasPrefix("nested more than") {
            hint = "flatten the structure: course files need only a few levels of lists and mappings"
        } else if problem.hasPrefix("found unknown escape character") {
            message = "a backslash in a double-quoted value starts an escape YAML does not know"
            hint = "use single quotes for text with backslashes ('C:\\files'), or write each backslash twice"
        } else if context?.description.contains("quoted scalar") == true, let context {
            explainUnclosedQuote(source, at: context.mark)
        } else if problem.hasPrefix("did not find expected ',' or ']'") || problem.hasPrefix("did not find expected ',' or '}'"),
                  let context {
            let (open, close, what) = problem.hasSuffix("']'") ? ("[", "]", "list") : ("{", "}", "mapping")
            (line, column) = (context.mark.line, context.mark.column)
            message = "the \(what) opened with '\(open)' here is never closed"
            hint = "close it with '\(close)' on the same line, e.g. tags: [loops, lists]; a value with ',' or ':' inside needs quotes"
        } else if problem.hasPrefix("block sequence entries are not allowed") {
            message = "a list item '- ' follows a value that is already on the line above"
            hint = "leave nothing after the key's colon when a list follows:\n      tags:\n        - loops"
        } else if problem.hasPrefix("did not find expected key") || problem.hasPrefix("did not find expected '-' indicator") {
            explainIndentation(source)
        }
    }

    /// Lines of the parsed text, read by 1-based line number.
    struct Source {
        var lines: [[Character]]
        func text(_ number: Int) -> [Character] { number >= 1 && number <= lines.count ? lines[number - 1] : [] }
        func indentation(_ number: Int) -> Int { text(number).prefix { $0 == " " }.count }
        /// The nearest line above `number` with content (not blank, not a comment).
        func previousContent(before number: Int) -> Int? {
            stride(from: number - 1, through: 1, by: -1).first { line in
                let trimmed = text(line).drop { $0 == " " }
                return !trimmed.isEmpty && trimmed.first != "#"
            }
        }
    }

    private mutating func explainBadCharacter(_ source: Source) {
        let text = source.text(line)
        let character = column >= 1 && column <= text.count ? text[column - 1] : " "
        if character == "\t" || text.prefix(column).contains("\t") {
            let tab = (text.firstIndex(of: "\t") ?? 0) + 1
            column = tab
            message = "a tab indents this line, and YAML only accepts spaces for indentation"
            hint = "replace the tab with spaces (two for each level, as in the lines above)"
            return
        }
        let (key, value) = Self.split(text)
        message = "a value cannot start with '\(character)' in YAML"
        hint = key.map { "put the value in quotes: \($0): \(Self.quoted(value))" } ?? "put the value in quotes"
    }

    /// "mapping values are not allowed": either a value with ": " inside, or a line indented more than the
    /// key above it, so that it reads as a continuation of that key's value.
    private mutating func explainUnexpectedColon(_ source: Source) {
        let text = source.text(line)
        let (key, value) = Self.split(text)
        if let key, let firstColon = text.firstIndex(of: ":"), firstColon + 1 < column {
            message = "the value of '\(key)' contains ': ', which YAML reads as the start of another key"
            hint = "put the value in quotes: \(key): \(Self.quoted(value))"
            return
        }
        let name = key ?? String(text).trimmed
        guard let above = source.previousContent(before: line) else { return }
        let aboveKey = Self.split(source.text(above)).key ?? String(source.text(above)).trimmed
        let indent = source.indentation(line), aboveIndent = source.indentation(above)
        column = indent + 1
        message = "'\(name)' is indented more than '\(aboveKey)' on line \(above), so YAML reads it as part of that line's value"
        hint = "start '\(name)' in column \(aboveIndent + 1) like '\(aboveKey)'; or, if it belongs under '\(aboveKey)', " +
            "leave nothing after '\(aboveKey):'"
    }

    private mutating func explainUnclosedQuote(_ source: Source, at open: Mark) {
        let text = source.text(open.line)
        let quote = open.column >= 1 && open.column <= text.count ? text[open.column - 1] : "\""
        (line, column) = (open.line, open.column)
        message = "the quote \(quote) opened here is never closed"
        hint = quote == "'"
            ? "end the value with ' on the same line; an apostrophe inside single quotes is written twice ('it''s')"
            : "end the value with \" on the same line; a quote inside is written \\\""
    }

    /// "did not find expected key / '-' indicator": a line whose indentation fits no mapping or list above.
    private mutating func explainIndentation(_ source: Source) {
        let text = source.text(line)
        let indent = source.indentation(line)
        // A single-quoted value closed early by an apostrophe: 'it's.
        let (key, value) = Self.split(text)
        if let key, value.first == "'", value.dropFirst().contains("'"), column > indent + 1 {
            message = "the value of '\(key)' ends at its second ', and the rest of the line cannot follow it"
            hint = "write an apostrophe inside single quotes twice ('it''s'), or use double quotes: \(key): \(Self.quoted(String(value.dropFirst())))"
            return
        }
        guard let above = source.previousContent(before: line) else { return }
        let aboveIndent = source.indentation(above)
        let isItem = text.dropFirst(indent).first == "-"
        let name = isItem ? "this list item" : "'\(key ?? String(text).trimmed)'"
        column = indent + 1
        message = "\(name) is indented \(Self.spaces(indent)), which matches no \(isItem ? "list" : "key") above it " +
            "(line \(above) is indented \(Self.spaces(aboveIndent)))"
        let aboveName = Self.split(source.text(above)).key.map { "'\($0)'" } ?? "line \(above)"
        hint = isItem
            ? "start every '- ' of one list in the same column"
            : "indent it like \(aboveName) (\(Self.spaces(aboveIndent))) to keep it in the same mapping, or like a key further up to leave it"
    }

    /// `key: value` on a line: the key (nil when the line is not one) and the rest after ": ".
    static func split(_ text: [Character]) -> (key: String?, value: String) {
        let line = String(text)
        let body = line.drop { $0 == " " || $0 == "-" }.drop { $0 == " " }
        guard let colon = body.firstIndex(of: ":") else { return (nil, line.trimmed) }
        let key = body[..<colon].trimmingCharacters(in: .whitespaces)
        let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (key.isEmpty ? nil : key, value)
    }

    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func spaces(_ count: Int) -> String { count == 1 ? "1 space" : "\(count) spaces" }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

private extension Array where Element == Character {
    var trimmed: String { String(self).trimmingCharacters(in: .whitespaces) }
}
