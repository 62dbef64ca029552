// Turns scanned lines into the node tree: removes standalone tag lines, re-indents block content,
// and nests sections, parents and blocks.

extension Template {
    /// Parses a whole template source into nodes.
    static func parse(_ source: String) throws(TemplateError) -> [Node] {
        var scanner = Scanner(source: source)
        try scanner.scan()
        var parser = Parser(lines: scanner.lines, tags: scanner.tags)
        parser.markStandaloneLines()
        parser.reindentBlocks()
        return parser.buildNodes()
    }

    struct Parser {
        var lines: [SourceLine]
        var tags: [ScannedTag]

        /// Marks lines that hold only whitespace and tags that insert nothing (the spec's "standalone" tags).
        ///
        /// A line normally holds one such tag; several adjacent inheritance tags may share a line
        /// (`{{<parent}}{{$block}}`), as the inheritance spec's "Standalone parent" and "Standalone block" require.
        mutating func markStandaloneLines() {
            for index in lines.indices {
                guard let (standalone, indentation, tagPieces) = standaloneForm(of: lines[index]) else { continue }
                lines[index].standalone = standalone
                lines[index].indentation = indentation
                lines[index].pieces = tagPieces
            }
        }

        /// Removes the common indentation of each standalone block's content, where the block is written,
        /// and records the indentation to add back where it is rendered.
        ///
        /// The spec's "Block reindentation" and "Intrinsic indentation" cases: the content of
        /// `{{$block}}` is indented by the common indentation of its default content, or by the whitespace
        /// before the tag when the default is empty. Blocks are visited in source order, so an outer block is
        /// dedented before the blocks inside it measure their own indentation.
        mutating func reindentBlocks() {
            for index in tags.indices where tags[index].kind == .block {
                let openLine = tags[index].line
                guard lines[openLine].standalone != .no, let close = tags[index].partner else { continue }
                let closeLine = tags[close].line
                // A closing tag that is not standalone shares its line with the last line of content.
                let end = lines[closeLine].standalone == .no ? closeLine + 1 : closeLine
                let content = (openLine + 1)..<max(openLine + 1, end)
                if let common = commonIndentation(of: content) {
                    for line in content { removeIndentation(common, fromLine: line) }
                    tags[index].blockIndentation = common
                } else {
                    tags[index].blockIndentation = isFirstTag(index) ? lines[openLine].indentation : ""
                }
            }
        }

        /// Builds the node tree, line by line.
        func buildNodes() -> [Node] {
            var builder = TreeBuilder()
            for line in lines {
                if line.standalone == .no, !line.pieces.isEmpty {
                    builder.append(.lineStart)
                }
                for piece in line.pieces {
                    switch piece {
                    case .text(let text): builder.appendText(text)
                    case .tag(let index): addTag(index, to: &builder)
                    }
                }
                if line.standalone != .full {
                    builder.appendText(line.ending)
                }
            }
            return builder.nodes
        }
    }
}

private extension Template.Parser {
    /// How `line` stands alone, its leading whitespace, and its tags without the surrounding whitespace;
    /// nil when the line has text or tags that insert something.
    func standaloneForm(of line: Template.SourceLine) -> (Template.Standalone, String, [Template.Piece])? {
        var indentation = ""
        var tagPieces: [Template.Piece] = []
        var textAfterTag = false
        for piece in line.pieces {
            switch piece {
            case .text(let text):
                guard text.allSatisfy(\.isIndentation) else { return nil }
                if tagPieces.isEmpty { indentation = text } else { textAfterTag = true }
            case .tag(let index):
                // Tags sharing a line must be adjacent: `{{<p}} {{$b}}` is not standalone.
                guard !textAfterTag, tags[index].kind.canStandAlone else { return nil }
                tagPieces.append(piece)
            }
        }
        let indices = tagPieces.compactMap { piece -> Int? in if case .tag(let index) = piece { index } else { nil } }
        guard let first = indices.first else { return nil }
        if indices.count == 1 { return (.full, indentation, tagPieces) }
        guard indices.allSatisfy(isInheritanceTag) else { return nil }
        if indices.count == 2, tags[first].kind == .block, tags[first].partner == indices[1] {
            return (.keepingLineEnding, indentation, tagPieces)
        }
        return (.full, indentation, tagPieces)
    }

    /// Parent and block tags, and the closing tags that end them.
    func isInheritanceTag(_ index: Int) -> Bool {
        var kind = tags[index].kind
        if kind == .close, let open = tags[index].partner { kind = tags[open].kind }
        return kind == .parent || kind == .block
    }

    /// Whether the tag comes first on its standalone line, and so owns the line's indentation.
    func isFirstTag(_ index: Int) -> Bool {
        if case .tag(let first)? = lines[tags[index].line].pieces.first { first == index } else { false }
    }

    /// The whitespace that a standalone tag at `index` was indented by; nil when the tag is inline.
    func standaloneIndentation(of index: Int) -> String? {
        let line = lines[tags[index].line]
        guard line.standalone != .no else { return nil }
        return isFirstTag(index) ? line.indentation : ""
    }

    /// The longest indentation shared by the lines that have content; nil when they are all blank.
    func commonIndentation(of range: Range<Int>) -> String? {
        var common: Substring?
        for index in range {
            guard let indentation = indentation(ofLine: index) else { continue }
            guard let shared = common else {
                common = indentation
                continue
            }
            common = shared.prefix(zip(shared, indentation).prefix { $0 == $1 }.count)
        }
        return common.map(String.init)
    }

    /// The leading whitespace of a line, or nil for a blank line.
    func indentation(ofLine index: Int) -> Substring? {
        let line = lines[index]
        if line.standalone != .no { return Substring(line.indentation) }
        guard let first = line.pieces.first else { return nil }
        guard case .text(let text) = first else { return "" }
        let indentation = text.prefix(while: \.isIndentation)
        if indentation.count == text.count, line.pieces.count == 1 { return nil }
        return indentation
    }

    mutating func removeIndentation(_ indentation: String, fromLine index: Int) {
        guard !indentation.isEmpty else { return }
        if lines[index].standalone != .no {
            if lines[index].indentation.hasPrefix(indentation) {
                lines[index].indentation.removeFirst(indentation.count)
            }
        } else if case .text(let text)? = lines[index].pieces.first, text.hasPrefix(indentation) {
            let rest = text.dropFirst(indentation.count)
            if rest.isEmpty {
                lines[index].pieces.removeFirst()
            } else {
                lines[index].pieces[0] = .text(String(rest))
            }
        }
    }

    /// Adds the node for one tag, opening or closing a nesting level for sections, parents and blocks.
    func addTag(_ index: Int, to builder: inout TreeBuilder) {
        let tag = tags[index]
        switch tag.kind {
        case .variable:
            builder.append(.variable(Template.Path(tag.name), escaped: true))
        case .unescaped:
            builder.append(.variable(Template.Path(tag.name), escaped: false))
        case .comment, .setDelimiters:
            break
        case .partial:
            builder.append(.partial(Template.TemplateName(tag.name), indentation: standaloneIndentation(of: index)))
        case .section, .invertedSection, .parent, .block:
            builder.open()
        case .close:
            guard let openIndex = tag.partner else { return }
            let open = tags[openIndex]
            let body = builder.close()
            switch open.kind {
            case .section:
                builder.append(.section(Template.Path(open.name), body))
            case .invertedSection:
                builder.append(.invertedSection(Template.Path(open.name), body))
            case .block:
                builder.append(.block(open.name, body, indentation: open.blockIndentation))
            case .parent:
                builder.append(.parent(
                    Template.TemplateName(open.name),
                    blocks: Self.blocks(in: body),
                    indentation: standaloneIndentation(of: openIndex)))
            default:
                break
            }
        }
    }

    /// The blocks a parent tag overrides: its direct `{{$name}}` children; other content is ignored.
    static func blocks(in body: [Template.Node]) -> [String: [Template.Node]] {
        var blocks: [String: [Template.Node]] = [:]
        for node in body {
            if case .block(let name, let content, _) = node, blocks[name] == nil {
                blocks[name] = content
            }
        }
        return blocks
    }
}

/// Collects nodes into nested levels while the parser walks through the tags.
private struct TreeBuilder {
    private var levels: [[Template.Node]] = [[]]

    var nodes: [Template.Node] { levels[0] }

    mutating func append(_ node: Template.Node) {
        levels[levels.count - 1].append(node)
    }

    /// Appends text, joining it to the previous text node so rendering appends fewer pieces.
    mutating func appendText(_ text: String) {
        guard !text.isEmpty else { return }
        if case .text(let previous)? = levels[levels.count - 1].last {
            levels[levels.count - 1][levels[levels.count - 1].count - 1] = .text(previous + text)
        } else {
            append(.text(text))
        }
    }

    mutating func open() {
        levels.append([])
    }

    mutating func close() -> [Template.Node] {
        levels.removeLast()
    }
}

extension Character {
    /// Spaces and tabs: what may surround a standalone tag and what counts as indentation.
    var isIndentation: Bool { self == " " || self == "\t" }
}
