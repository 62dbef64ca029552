/// What a Markdown text holds that the loader validates and renderers navigate by:
/// its headings, links and images, each with its position.
public struct MarkdownOutline: Sendable {
    /// The text of the first level-1 heading, which names a lesson that has no `title`.
    public var title: String?
    public var headings: [Heading]
    public var references: [Reference]
    /// Math delimiters opened and never closed: (line, column, message), positions starting at 1.
    public var mathProblems: [(line: Int, column: Int, message: String)] = []
    /// Content the page will not show as written (raw HTML, over-wide tables), in document order.
    public var warnings: [MarkdownWarning] = []

    /// The outline of a text left unparsed (over a size limit).
    public static let empty = MarkdownOutline(title: nil, headings: [], references: [])
}

/// Something in a Markdown text that renders differently from what its author meant, with what to write instead.
public struct MarkdownWarning: Sendable, Equatable {
    /// Line and column, both starting at 1, the column counted in characters.
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String

    public init(line: Int, column: Int, message: String, hint: String) {
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }
}

/// A heading with the anchor its rendered `id` gets.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var anchor: String
    /// Line starting at 1 in the parsed text.
    public var line: Int
}

/// A link or image destination as written, with its position in the parsed text.
public struct Reference: Sendable, Equatable {
    public enum Kind: Sendable { case link, image }
    public var kind: Kind
    public var destination: String
    /// For images, the alt text; for links, the link text.
    public var text: String
    /// Line and column, both starting at 1, the column counted in characters.
    public var line: Int
    public var column: Int

    public init(kind: Kind, destination: String, text: String, line: Int, column: Int) {
        self.kind = kind
        self.destination = destination
        self.text = text
        self.line = line
        self.column = column
    }
}
