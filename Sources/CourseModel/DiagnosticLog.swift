/// Collects what loading one file or phase found: diagnostics, and links written in Markdown fields
/// of YAML files, checked once every file is loaded. Not shared between threads: each parallel load
/// has its own log, merged afterwards.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []
    var references: [PendingReference] = []
    /// Files whose anchors link checks looked up: a cached check is redone when their anchors change.
    var anchorPathsRead: Set<String> = []

    func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location, hint: hint))
    }

    func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, message, at: location, hint: hint))
    }

    func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }
}

@available(*, unavailable) extension DiagnosticLog: Sendable {}
