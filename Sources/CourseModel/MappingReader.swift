import Markdown
import Utilities
import YAML

/// Reads the fields of one YAML mapping with their expected types, reporting every missing field,
/// unknown key and wrong type to the log instead of stopping at the first.
struct MappingReader {
    let path: String
    /// Added to YAML lines: the front matter of a lesson starts on the file's second line.
    let lineOffset: Int
    let node: YAMLNode
    let pairs: [YAMLPair]
    let log: DiagnosticLog

    /// Reads `node` as a mapping allowed to hold `keys`; reports a node of another kind and each unknown key.
    /// - Parameter what: names the mapping in messages, e.g. "course.yaml" or "a question".
    init?(_ node: YAMLNode, path: String, lineOffset: Int = 0, log: DiagnosticLog, what: String, keys: [String]) {
        self.path = path
        self.lineOffset = lineOffset
        self.node = node
        self.log = log
        guard let pairs = node.mapping else {
            self.pairs = []
            log.error("expected \(what) to be a mapping of keys to values, found \(node.kindDescription)",
                      at: SourceLocation(path: path, line: node.mark.line + lineOffset, column: node.mark.column))
            return nil
        }
        self.pairs = pairs
        for pair in pairs {
            let name = pair.key.scalar ?? ""
            guard !keys.contains(name) else { continue }
            if let suggestion = DidYouMean.suggestion(for: name, in: keys) {
                log.error("unknown key '\(name)' in \(what) (did you mean '\(suggestion)'?)", at: location(pair.key))
            } else {
                log.error("unknown key '\(name)' in \(what)", at: location(pair.key),
                          hint: "known keys: " + keys.joined(separator: ", "))
            }
        }
    }

    /// Where a node of this mapping starts in the file.
    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(path: path, line: node.mark.line + lineOffset, column: node.mark.column)
    }

    /// Where the mapping itself starts.
    var location: SourceLocation { location(node) }

    /// The value of `key`, or nil when it is absent or written as null.
    func value(_ key: String) -> YAMLNode? {
        guard let pair = pairs.first(where: { $0.key.scalar == key }), !pair.value.isNull else { return nil }
        return pair.value
    }

    /// Whether the key is written at all, even with an empty value.
    func has(_ key: String) -> Bool {
        pairs.contains { $0.key.scalar == key }
    }

    func reportMissing(_ key: String) {
        if let pair = pairs.first(where: { $0.key.scalar == key }) {
            log.error("'\(key)' has no value", at: location(pair.key))
        } else {
            log.error("missing required key '\(key)'", at: location)
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard let text = value.string else {
            log.error("'\(key)' must be text, found \(value.kindDescription)", at: location(value))
            return nil
        }
        if required && text.trimmingWhitespace.isEmpty {
            log.error("'\(key)' is empty", at: location(value))
            return nil
        }
        return text
    }

    /// A Markdown text; its links and images are queued for checking, positioned at the value
    /// (block scalars: at the line of the link).
    func markdown(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required), let node = value(key) else { return nil }
        let start = location(node)
        let outline = MarkdownDocument(text).outline
        for problem in outline.mathProblems {
            log.error(problem.message, at: start, hint: "close the formula with the same delimiter, or write \\$ for a dollar sign")
        }
        for warning in outline.warnings { log.warning(warning.message, at: start, hint: warning.hint) }
        for reference in outline.references {
            var at = start
            switch node.content {
            case .scalar(_, .block):
                // The text starts on the line after `|`, indented two columns past its key.
                let keyColumn = pairs.first { $0.key.scalar == key }?.key.mark.column ?? 1
                at.line += reference.line
                at.column = keyColumn + 1 + reference.column
            case .scalar(_, .quoted):
                at.column += reference.column
            default:
                at.column += reference.column - 1
            }
            log.references.append(PendingReference(kind: reference.kind == .image ? .image : .link, destination: reference.destination,
                                                   text: reference.text, location: at, base: CoursePath.folder(of: path),
                                                   source: path, isDraft: false))
        }
        return text
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else {
            log.error("'\(key)' must be true or false, found \(quoted(value))", at: location(value))
            return nil
        }
        return bool
    }

    func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        guard let int = value.int else {
            log.error("'\(key)' must be a whole number, found \(quoted(value))", at: location(value))
            return nil
        }
        guard range.contains(int) else {
            log.error("'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(int)", at: location(value))
            return nil
        }
        return int
    }

    func number(_ key: String, in range: ClosedRange<Double> = -.greatestFiniteMagnitude ... .greatestFiniteMagnitude) -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value.double, number.isFinite else {
            log.error("'\(key)' must be a number, found \(quoted(value))", at: location(value))
            return nil
        }
        guard range.contains(number) else {
            log.error("'\(key)' must be between \(range.lowerBound.plainText) and \(range.upperBound.plainText), found \(number.plainText)",
                      at: location(value))
            return nil
        }
        return number
    }

    /// A list of text items; a single text is reported, since authors often forget the dash.
    func strings(_ key: String) -> [String] {
        guard let items = list(key) else { return [] }
        return items.compactMap { item in
            guard let text = item.string else {
                log.error("items of '\(key)' must be text, found \(item.kindDescription)", at: location(item))
                return nil
            }
            return text
        }
    }

    func list(_ key: String) -> [YAMLNode]? {
        guard let value = value(key) else { return nil }
        guard let items = value.sequence else {
            log.error("'\(key)' must be a list, found \(value.kindDescription)", at: location(value),
                      hint: "write each item on its own line starting with '- '")
            return nil
        }
        return items
    }

    /// A value from a fixed set, with a "did you mean" for near misses.
    /// - Parameter unknown: names the value in the message (`unknown question type 'singel'`) instead of listing the set.
    func oneOf<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type, unknown: String? = nil) -> Value?
    where Value.RawValue == String {
        guard let value = value(key) else { return nil }
        let allowed = Value.allCases.map(\.rawValue)
        guard let text = value.string, let result = Value(rawValue: text) else {
            let found = quoted(value)
            if let unknown {
                let suggestion = value.string.flatMap { DidYouMean.suggestion(for: $0, in: allowed) }.map { " (did you mean '\($0)'?)" } ?? ""
                log.error("unknown \(unknown) \(found)\(suggestion)", at: location(value), hint: "\(key)s are " + allowed.sorted().joined(separator: ", "))
                return nil
            }
            if let text = value.string, let suggestion = DidYouMean.suggestion(for: text, in: allowed) {
                log.error("'\(key)' must be one of \(allowed.joined(separator: ", ")), found \(found) (did you mean '\(suggestion)'?)",
                          at: location(value))
            } else {
                log.error("'\(key)' must be one of \(allowed.joined(separator: ", ")), found \(found)", at: location(value))
            }
            return nil
        }
        return result
    }

    /// A nested mapping read with its own allowed keys.
    func mapping(_ key: String, what: String, keys: [String]) -> MappingReader? {
        guard let value = value(key) else { return nil }
        return MappingReader(value, path: path, lineOffset: lineOffset, log: log, what: what, keys: keys)
    }

    /// An author-written `id`, checked for the allowed characters.
    func identifier() -> (id: String, location: SourceLocation)? {
        guard let value = value("id"), let id = string("id") else { return nil }
        guard Identifier.isValid(id) else {
            log.error("id '\(id)' may only hold letters, digits, '.', '_' and '-', start with a letter or digit, and be at most 64 characters",
                      at: location(value))
            return nil
        }
        return (id, location(value))
    }

    private func quoted(_ node: YAMLNode) -> String {
        node.scalar.map { "'\($0)'" } ?? node.kindDescription
    }
}

extension String {
    var trimmingWhitespace: String {
        // Most values need no trimming: when both ends are ASCII and not whitespace, the Characters there
        // are not whitespace either, and the walk over Characters (a tenth of a course load) is skipped.
        func isPlainASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) }
        if let first = utf8.first, let last = utf8.last, isPlainASCII(first), isPlainASCII(last) { return self }
        return String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
