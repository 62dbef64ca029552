// The parsed form of a template: a tree of nodes that rendering walks without looking at the source again.

extension Template {
    /// One piece of a parsed template.
    indirect enum Node: Sendable {
        /// Literal text, already stripped of standalone tag lines.
        case text(String)
        /// The start of a source line with content: emits the indentation of the standalone partial, parent
        /// or block being rendered. Empty lines have none, so indenting adds no trailing whitespace.
        case lineStart
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not escaped).
        case variable(Path, escaped: Bool)
        /// `{{#name}}…{{/name}}`.
        case section(Path, [Node])
        /// `{{^name}}…{{/name}}`.
        case invertedSection(Path, [Node])
        /// `{{>name}}`; `indentation` is nil when the tag is inline rather than standalone.
        case partial(TemplateName, indentation: String?)
        /// `{{<name}}…{{/name}}` with the blocks it overrides, by block name.
        case parent(TemplateName, blocks: [String: [Node]], indentation: String?)
        /// `{{$name}}default{{/name}}`; `indentation` is nil when the block is inline.
        case block(String, [Node], indentation: String?)
    }

    /// A dotted name split at its periods; no components means the implicit iterator `.`.
    struct Path: Sendable, Equatable {
        var components: [String]

        init(_ name: String) {
            components = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The name of a partial or parent: fixed, or `*path` looked up in the context at render time.
    enum TemplateName: Sendable, Equatable {
        case fixed(String)
        case dynamic(Path)

        init(_ name: String) {
            if name.hasPrefix("*") {
                self = .dynamic(Path(String(name.dropFirst())))
            } else {
                self = .fixed(name)
            }
        }
    }
}
