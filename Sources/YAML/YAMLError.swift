/// A YAML syntax error in libyaml's own words, at the position libyaml reports.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is: line and column, both starting at 1.
    public var mark: Mark
    /// What is wrong, e.g. "did not find expected ',' or ']'".
    public var problem: String
    /// What was being parsed, e.g. "while parsing a flow sequence", and where it started.
    public var context: (description: String, mark: Mark)?

    public init(mark: Mark, problem: String, context: (description: String, mark: Mark)? = nil) {
        self.mark = mark
        self.problem = problem
        self.context = context
    }

    /// The problem and its context, with lines shifted by `lineOffset` when the parsed text was part
    /// of a larger file (front matter).
    public func message(lineOffset: Int = 0) -> String {
        guard let context else { return problem }
        return "\(problem) (\(context.description) at \(context.mark.line + lineOffset):\(context.mark.column))"
    }

    public var description: String { "\(mark): \(message())" }

    public static func == (lhs: YAMLError, rhs: YAMLError) -> Bool {
        lhs.mark == rhs.mark && lhs.problem == rhs.problem && lhs.context?.description == rhs.context?.description
            && lhs.context?.mark == rhs.context?.mark
    }
}
