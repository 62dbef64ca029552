// First parsing pass: cuts the source into lines of text and tags, following set-delimiter tags and
// matching every closing tag with its opening tag. Whitespace rules come later, in Template+Parser.swift.

extension Template {
    /// What a tag does, from the character after its opening delimiter.
    enum TagKind: Sendable {
        case variable, unescaped, section, invertedSection, close, comment, partial, setDelimiters, parent, block

        /// Every tag that does not insert a value may stand alone on a line, which removes that line.
        var canStandAlone: Bool { self != .variable && self != .unescaped }

        /// The word error messages use for a tag that needs a closing tag.
        var noun: String {
            switch self {
            case .parent: "parent"
            case .block: "block"
            default: "section"
            }
        }
    }

    /// A tag as found in the source.
    struct ScannedTag {
        var kind: TagKind
        var name: String
        /// UTF-8 offset of the opening delimiter, starting at 0; converted to line:column only for errors.
        var offset: Int
        /// Index of the source line holding the opening delimiter.
        var line: Int
        /// Index of the matching opening tag (for `.close`) or closing tag (for sections, parents, blocks).
        var partner: Int?
        /// For a standalone block: the indentation its content is rendered with (see `Parser.reindentBlocks`).
        var blockIndentation: String?
    }

    /// A piece of a source line: literal text (never containing a line break) or a tag, by index.
    enum Piece {
        case text(String)
        case tag(Int)
    }

    /// How a line made only of tags and whitespace is rendered.
    enum Standalone {
        /// Not standalone: everything on the line is rendered.
        case no
        /// The whitespace and the line break are removed.
        case full
        /// Only the leading whitespace is removed: a block opened and closed on one line (`{{$b}}{{/b}}`)
        /// keeps its line break, as the inheritance spec's "Standalone block" case requires.
        case keepingLineEnding
    }

    /// One line of the source; a tag spanning several lines (a long comment) belongs to the line it starts on.
    struct SourceLine {
        var pieces: [Piece] = []
        /// "\n", "\r\n", or "" for the last line.
        var ending = ""
        var standalone = Standalone.no
        /// The whitespace before the first tag of a standalone line.
        var indentation = ""
    }

    /// Cuts a template source into `SourceLine`s and `ScannedTag`s.
    struct Scanner {
        let source: [UInt8]
        private(set) var lines = [SourceLine()]
        private(set) var tags: [ScannedTag] = []
        private var openTags: [Int] = []
        private var openDelimiter = Array("{{".utf8)
        private var closeDelimiter = Array("}}".utf8)

        init(source: String) {
            self.source = Array(source.utf8)
        }

        mutating func scan() throws(TemplateError) {
            var position = 0
            while position < source.count {
                let tagStart = find(openDelimiter, from: position) ?? source.count
                appendText(position..<tagStart)
                guard tagStart < source.count else { break }
                position = try scanTag(at: tagStart)
            }
            if let open = openTags.last {
                let tag = tags[open]
                throw TemplateError(at: tag.offset, in: source, "unclosed \(tag.kind.noun) '\(tag.name)'")
            }
        }
    }
}

private extension Template.Scanner {
    /// Reads the tag whose opening delimiter is at `start` and returns the offset just after it.
    mutating func scanTag(at start: Int) throws(TemplateError) -> Int {
        var contentStart = start + openDelimiter.count
        var closer = closeDelimiter
        let kind: Template.TagKind
        switch contentStart < source.count ? source[contentStart] : 0 {
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .invertedSection
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "&"): kind = .unescaped
        case UInt8(ascii: "{"):
            kind = .unescaped
            closer = [UInt8(ascii: "}")] + closeDelimiter
        case UInt8(ascii: "="):
            kind = .setDelimiters
            closer = [UInt8(ascii: "=")] + closeDelimiter
        default: kind = .variable
        }
        if kind != .variable { contentStart += 1 }
        guard let contentEnd = find(closer, from: contentStart) else {
            let expected = String(decoding: closer, as: UTF8.self)
            throw TemplateError(at: start, in: source, "unclosed tag, expected '\(expected)'")
        }
        let content = String(decoding: source[contentStart..<contentEnd], as: UTF8.self)
            .trimmingWhitespace()
        let name = try tagName(content, kind: kind, at: start)

        let index = tags.count
        tags.append(Template.ScannedTag(kind: kind, name: name, offset: start, line: lines.count - 1))
        lines[lines.count - 1].pieces.append(.tag(index))

        switch kind {
        case .section, .invertedSection, .parent, .block:
            openTags.append(index)
        case .close:
            guard let open = openTags.popLast() else {
                throw TemplateError(at: start, in: source, "unexpected closing tag '\(name)'")
            }
            guard tags[open].name == name else {
                throw TemplateError(
                    at: start, in: source, "mismatched closing tag '\(name)', expected '\(tags[open].name)'")
            }
            tags[open].partner = index
            tags[index].partner = open
        case .setDelimiters:
            try setDelimiters(content, at: start)
        default:
            break
        }
        return contentEnd + closer.count
    }

    /// The name a tag refers to, checked: one run of non-whitespace, or `*name` for dynamic partials and parents.
    func tagName(_ content: String, kind: Template.TagKind, at start: Int) throws(TemplateError) -> String {
        switch kind {
        case .comment, .setDelimiters:
            return content
        case .partial, .parent, .close:
            // A dynamic name; `{{> * dynamic }}` is allowed (the spec's "Padding Whitespace" case).
            if content.hasPrefix("*") {
                return "*" + (try tagName(content.dropFirst().trimmingWhitespace(), kind: .variable, at: start))
            }
            return try tagName(content, kind: .variable, at: start)
        default:
            guard !content.isEmpty else {
                throw TemplateError(at: start, in: source, "empty tag name")
            }
            guard !content.contains(where: \.isWhitespace) else {
                throw TemplateError(at: start, in: source, "invalid tag name '\(content)'")
            }
            return content
        }
    }

    /// Applies `{{=<% %>=}}`: the content must be two delimiters separated by whitespace.
    mutating func setDelimiters(_ content: String, at start: Int) throws(TemplateError) {
        let parts = content.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 else {
            throw TemplateError(at: start, in: source, "invalid delimiters '\(content)', expected two separated by a space")
        }
        openDelimiter = Array(parts[0].utf8)
        closeDelimiter = Array(parts[1].utf8)
    }

    /// Adds text to the current line, starting a new line after each "\n" ("\r\n" counts as one line break).
    mutating func appendText(_ range: Range<Int>) {
        var start = range.lowerBound
        for index in range where source[index] == UInt8(ascii: "\n") {
            var textEnd = index
            var ending = "\n"
            if textEnd > start, source[textEnd - 1] == UInt8(ascii: "\r") {
                textEnd -= 1
                ending = "\r\n"
            }
            appendPiece(start..<textEnd)
            lines[lines.count - 1].ending = ending
            lines.append(Template.SourceLine())
            start = index + 1
        }
        appendPiece(start..<range.upperBound)
    }

    mutating func appendPiece(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        lines[lines.count - 1].pieces.append(.text(String(decoding: source[range], as: UTF8.self)))
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, source.count >= needle.count else { return nil }
        var index = start
        while index <= source.count - needle.count {
            if source[index] == first {
                var matched = 1
                while matched < needle.count, source[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace or line breaks.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
