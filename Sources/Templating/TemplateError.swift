/// A template that cannot be parsed, with the position of the offending tag.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library name of the template, when it was parsed as part of a `TemplateLibrary`.
    public var templateName: String?
    /// Line of the offending tag's opening delimiter, starting at 1.
    public var line: Int
    /// Column of the offending tag's opening delimiter, starting at 1, counted in Characters.
    public var column: Int
    /// One sentence that quotes the offending name, e.g. "unclosed section 'items'".
    public var message: String

    /// Creates an error at a 1-based line and column.
    public init(templateName: String? = nil, line: Int, column: Int, message: String) {
        self.templateName = templateName
        self.line = line
        self.column = column
        self.message = message
    }

    /// `name:line:column: error: message`, or `line:column: error: message` without a name.
    public var description: String {
        let position = "\(line):\(column)"
        let location = templateName.map { "\($0):\(position)" } ?? position
        return "\(location): error: \(message)"
    }
}

extension TemplateError {
    /// An error at a UTF-8 byte offset of `source`, converted to line and Character column once, here.
    init(at offset: Int, in source: [UInt8], _ message: String) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where source[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: source[lineStart..<offset], as: UTF8.self)
        self.init(line: line, column: prefix.count + 1, message: message)
    }
}
