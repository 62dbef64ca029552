import CourseModel
import Foundation

/// Diagnostics of one or more courses, printed for people or as JSON for tools.
struct DiagnosticReport {
    /// Diagnostics with paths made relative to the working directory (the course folder as typed + the
    /// course-relative path), so editors can jump to them.
    var diagnostics: [Diagnostic] = []

    mutating func add(_ courseDiagnostics: [Diagnostic], courseFolder: String) {
        let prefix = courseFolder == "." ? "" : (courseFolder.hasSuffix("/") ? courseFolder : courseFolder + "/")
        diagnostics += courseDiagnostics.map { diagnostic in
            var shown = diagnostic
            shown.location.path = prefix + diagnostic.location.path
            return shown
        }
    }

    var errors: Int { diagnostics.errorCount }
    var warnings: Int { diagnostics.warningCount }

    /// Each diagnostic with its source line and caret (`SourceExcerpt`), for a terminal.
    var rendered: String {
        var excerpt = SourceExcerpt()
        return diagnostics.map { excerpt.render($0) }.joined(separator: "\n")
    }

    /// The diagnostics with their source lines, then a count; folders that could not be read at all
    /// count as errors, so a mistyped folder never reads as "0 errors".
    func text(courses: Int, unreadable: Int = 0) -> String {
        var lines = diagnostics.isEmpty ? [] : [rendered]
        let noun = courses == 1 ? "course" : "courses"
        let missing = unreadable > 0 ? " (\(plural(unreadable, "folder")) could not be read)" : ""
        lines.append("checked \(courses) \(noun)\(missing): \(plural(errors + unreadable, "error")), \(plural(warnings, "warning"))")
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        struct Entry: Encodable {
            var path: String, line: Int, column: Int, severity: String, message: String, hint: String?
        }
        struct Document: Encodable {
            var diagnostics: [Entry], errors: Int, warnings: Int
        }
        let document = Document(diagnostics: diagnostics.map {
            Entry(path: $0.location.path, line: $0.location.line, column: $0.location.column,
                  severity: $0.severity.rawValue, message: $0.message, hint: $0.hint)
        }, errors: errors, warnings: warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
