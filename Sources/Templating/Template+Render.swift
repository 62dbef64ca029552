// Rendering: walks the node tree with a context stack, appending to one output string.

extension Template {
    /// The state of one `render` call; never shared between calls, so templates stay plain values.
    struct Renderer {
        /// How deep partials, parents and block overrides may nest; a template that includes itself
        /// unconditionally stops here instead of exhausting the stack.
        static let maximumDepth = 100

        let library: TemplateLibrary
        var output = ""
        /// The context stack; the innermost section's value is last.
        private var contexts: [TemplateValue]
        private var depth = 0

        init(library: TemplateLibrary, context: TemplateValue) {
            self.library = library
            contexts = [context]
        }

        /// Renders `nodes`.
        /// - Parameters:
        ///   - indentation: Added at each line start: the whitespace before the standalone partials,
        ///     parents and blocks being rendered.
        ///   - overrides: Block contents passed down by the parent tags being rendered, by block name.
        mutating func render(_ nodes: [Node], indentation: String, overrides: [String: [Node]]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    output += text
                case .lineStart:
                    if !indentation.isEmpty { output += indentation }
                case .variable(let path, let escaped):
                    guard let value = lookUp(path) else { continue }
                    if escaped {
                        output.appendHTMLEscaped(value.interpolationText)
                    } else {
                        output += value.interpolationText
                    }
                case .section(let path, let body):
                    renderSection(lookUp(path) ?? .null, body, indentation: indentation, overrides: overrides)
                case .invertedSection(let path, let body):
                    if !(lookUp(path)?.isTruthy ?? false) {
                        render(body, indentation: indentation, overrides: overrides)
                    }
                case .partial(let name, let own):
                    // An inline partial starts mid-line, so its lines are not indented at all.
                    renderTemplate(name, indentation: own.map { indentation + $0 } ?? "", overrides: overrides)
                case .parent(let name, let blocks, let own):
                    // Blocks passed from further out win: the spec's "Multi-level inheritance".
                    let merged = blocks.merging(overrides) { _, outer in outer }
                    renderTemplate(name, indentation: own.map { indentation + $0 } ?? "", overrides: merged)
                case .block(let name, let body, let own):
                    let content = overrides[name] ?? body
                    guard depth < Self.maximumDepth else { continue }
                    depth += 1
                    render(content, indentation: own.map { indentation + $0 } ?? indentation, overrides: overrides)
                    depth -= 1
                }
            }
        }
    }
}

private extension Template.Renderer {
    /// Renders a section once per list item, or once with the value itself when it is truthy.
    mutating func renderSection(_ value: TemplateValue, _ body: [Template.Node], indentation: String, overrides: [String: [Template.Node]]) {
        if case .array(let items) = value {
            for item in items {
                contexts.append(item)
                render(body, indentation: indentation, overrides: overrides)
                contexts.removeLast()
            }
        } else if value.isTruthy {
            contexts.append(value)
            render(body, indentation: indentation, overrides: overrides)
            contexts.removeLast()
        }
    }

    /// Renders a partial or parent from the library; a missing template renders as nothing.
    mutating func renderTemplate(_ name: Template.TemplateName, indentation: String, overrides: [String: [Template.Node]]) {
        guard depth < Self.maximumDepth, let template = resolve(name) else { return }
        depth += 1
        render(template.nodes, indentation: indentation, overrides: overrides)
        depth -= 1
    }

    func resolve(_ name: Template.TemplateName) -> Template? {
        switch name {
        case .fixed(let name):
            return library[name]
        case .dynamic(let path):
            // The spec resolves the name like an interpolation, once: "Dynamic Names can't be dereferenced
            // more than once". Only strings name templates.
            guard case .string(let name)? = lookUp(path) else { return nil }
            return library[name]
        }
    }

    /// Finds a dotted name: the first component in the innermost context object that has it,
    /// the remaining components in that value only (the spec's "Dotted Names - Context Precedence").
    func lookUp(_ path: Template.Path) -> TemplateValue? {
        guard let first = path.components.first else { return contexts.last }
        var found: TemplateValue?
        for context in contexts.reversed() {
            if case .object(let fields) = context, let value = fields[first] {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for component in path.components.dropFirst() {
            guard case .object(let fields) = value, let next = fields[component] else { return nil }
            value = next
        }
        return value
    }
}
