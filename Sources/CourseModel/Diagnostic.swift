/// A problem found in a course, in the form compilers and editors understand:
/// `01-basics/02-loops.md:12:9: error: link target '03-while.md' does not exist`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// One sentence quoting the offending value.
    public var message: String
    /// What to do about it, when there is something to say.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `path:line:column: severity: message`, and the hint on an indented second line.
    public var description: String {
        let first = "\(location): \(severity.rawValue): \(message)"
        return hint.map { first + "\n    hint: " + $0 } ?? first
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, then line, then column.
    public func sortedByLocation() -> [Diagnostic] {
        sorted {
            ($0.location.path, $0.location.line, $0.location.column, $0.message)
                < ($1.location.path, $1.location.line, $1.location.column, $1.message)
        }
    }

    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}
