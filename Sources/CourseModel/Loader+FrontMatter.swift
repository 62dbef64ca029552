extension Loader {
    /// Reads a Markdown item (a lesson, an assignment) and splits off its front matter; an unclosed front
    /// matter is reported and the whole text taken as the body.
    /// - Returns: nil, with the error logged, when the file cannot be read.
    static func readFrontMatter(_ path: String, tree: CourseTree, log: DiagnosticLog) -> FrontMatter? {
        let text: String
        do {
            text = try tree.read(path)
        } catch {
            log.error(error.message, at: error.location(in: path), hint: error.hint)
            return nil
        }
        do {
            return try FrontMatter.split(text)
        } catch {
            log.error("front matter starts with '---' but is never closed", at: SourceLocation(path: path),
                      hint: "end it with a line holding only '---', or remove the first line")
            return FrontMatter(yaml: nil, body: text, bodyStartLine: 1)
        }
    }
}
