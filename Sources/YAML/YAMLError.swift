/// A YAML syntax error in libyaml's own words, at the position libyaml reports.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line and column, both starting at 1.
    public var mark: Mark
    public var message: String

    public init(mark: Mark, message: String) {
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(mark): \(message)" }
}
