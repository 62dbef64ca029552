/// A YAML node with the position it starts at, so callers can point diagnostics at it.
public struct YAMLNode: Sendable {
    /// What the node holds. Mappings keep their keys in document order.
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// How a scalar was written: only plain scalars are typed (numbers, booleans, null).
    public enum ScalarStyle: Sendable {
        case plain, quoted, block
    }

    public var content: Content
    /// Where the node starts in the parsed text.
    public var mark: Mark

    public init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
    }
}

/// One `key: value` entry of a mapping.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode
}

/// A position in a text: line and column both starting at 1, the column counted in characters.
public struct Mark: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}
