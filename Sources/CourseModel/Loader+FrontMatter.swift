import Markdown

extension Loader {
    /// Reads a Markdown item (a lesson, an assignment) and splits off its front matter; an unclosed front
    /// matter is reported and the whole text taken as the body.
    /// - Returns: nil, with the error logged, when the file cannot be read.
    static func readFrontMatter(_ path: String, tree: CourseTree, log: DiagnosticLog) -> FrontMatter? {
        guard let text = readText(path, tree: tree, log: log) else { return nil }
        do {
            return try FrontMatter.split(text)
        } catch {
            log.error("front matter starts with '---' but is never closed", at: SourceLocation(path: path),
                      hint: "end it with a line holding only '---', or remove the first line")
            return FrontMatter(yaml: nil, body: text, bodyStartLine: 1)
        }
    }

    /// A course file's text; nil, with the reason logged at the file, when it cannot be read.
    static func readText(_ path: String, tree: CourseTree, log: DiagnosticLog) -> String? {
        do {
            return try tree.read(path)
        } catch {
            log.error(error.message, at: error.location(in: path), hint: error.hint)
            return nil
        }
    }

    /// An item body's headings at their lines in the file (the body starts `lineShift` lines down), with the
    /// outline's warnings and unclosed formulas reported there.
    static func checkedHeadings(_ outline: MarkdownOutline, path: String, lineShift: Int, log: DiagnosticLog) -> [Heading] {
        for warning in outline.warnings {
            log.warning(warning.message, at: SourceLocation(path: path, line: warning.line + lineShift, column: warning.column), hint: warning.hint)
        }
        for problem in outline.mathProblems {
            log.error(problem.message, at: SourceLocation(path: path, line: problem.line + lineShift, column: problem.column),
                      hint: "close the formula with the same delimiter, or write \\$ for a dollar sign")
        }
        return outline.headings.map { heading in
            var shifted = heading
            shifted.line += lineShift
            return shifted
        }
    }
}
