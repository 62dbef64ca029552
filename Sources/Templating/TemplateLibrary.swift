/// Named templates that partials `{{>name}}` and parents `{{<name}}` refer to.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template]

    /// A library of already parsed templates.
    public init(_ templates: [String: Template] = [:]) {
        self.templates = templates
    }

    /// Parses every source, by name.
    /// - Throws: `TemplateError` of the first failing template in name order, with `templateName` set.
    public init(sources: [String: String]) throws(TemplateError) {
        var templates: [String: Template] = [:]
        for name in sources.keys.sorted() {
            do throws(TemplateError) {
                templates[name] = try Template(sources[name] ?? "")
            } catch {
                var named = error
                named.templateName = name
                throw named
            }
        }
        self.templates = templates
    }

    /// The template registered under `name`.
    public subscript(name: String) -> Template? {
        templates[name]
    }

    /// Renders the template registered under `name`, or returns nil when there is none.
    public func render(_ name: String, _ context: TemplateValue) -> String? {
        templates[name]?.render(context, library: self)
    }
}
