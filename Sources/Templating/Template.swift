/// A parsed Mustache template: parsed once, then rendered any number of times, from any number of tasks.
///
/// Supports the whole Mustache spec except lambdas: interpolation, sections, inverted sections, comments,
/// partials, set delimiters, inheritance (`{{<parent}}`, `{{$block}}`) and dynamic names (`{{>*name}}`).
public struct Template: Sendable {
    let nodes: [Node]
    /// Size of the source in UTF-8 bytes, used to reserve the output buffer.
    let sourceSize: Int

    /// Parses `source`.
    /// - Throws: `TemplateError` with the line and column of an unclosed tag or section, or a mismatched
    ///   closing tag. Its `templateName` is nil; `TemplateLibrary(sources:)` fills it in.
    public init(_ source: String) throws(TemplateError) {
        nodes = try Template.parse(source)
        sourceSize = source.utf8.count
    }

    /// Renders the template with `context` at the bottom of the context stack.
    /// - Parameters:
    ///   - context: The data names are looked up in.
    ///   - library: Templates for partials `{{>name}}` and parents `{{<name}}`; missing ones render as nothing.
    public func render(_ context: TemplateValue, library: TemplateLibrary = TemplateLibrary()) -> String {
        var renderer = Renderer(library: library, context: context)
        // Pages are mostly template text, so the source size is a fair first guess for the output size.
        renderer.output.reserveCapacity(sourceSize + sourceSize / 2)
        renderer.render(nodes, indentation: "", overrides: [:])
        return renderer.output
    }
}
