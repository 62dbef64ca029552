/// A position in a course file: what every diagnostic points at.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// Relative to the course folder, "/"-separated.
    public var path: String
    /// Starting at 1.
    public var line: Int
    /// Starting at 1, counted in characters.
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }
}
