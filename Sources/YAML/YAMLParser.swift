internal import CYAML

/// Parses YAML text with libyaml's event API into a `YAMLNode` tree.
public enum YAMLParser {
    /// How deeply collections may nest. The tree is built (and later walked and freed) recursively, so
    /// a hostile file nested thousands of levels deep would overflow the stack; course files need a handful.
    public static let maximumDepth = 100

    /// Parses one YAML document.
    /// - Returns: the root node, or nil when the text holds no document (empty or only comments).
    /// - Throws: `YAMLError` at libyaml's problem position, or for duplicate keys and several documents.
    public static func parse(_ text: String) throws(YAMLError) -> YAMLNode? {
        // libyaml reads the buffer lazily during parsing, so it must outlive every parse call.
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> YAMLNode? in
            var reader = EventReader(LibYAMLParser(buffer))
            return try reader.readStream()
        }
    }
}

/// The facts of one libyaml event that the tree builder needs, copied out before the event is deleted.
private struct Event {
    enum Kind { case streamStart, streamEnd, documentStart, documentEnd, alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd }
    var kind: Kind
    var mark: Mark
    var anchor: String?
    var value: String = ""
    var style: YAMLNode.ScalarStyle = .plain
}

/// libyaml's parser at a fixed address: libyaml keeps a pointer to the struct itself (the string reader's
/// `read_handler_data`), so it must never move as a Swift value may. Owned here, freed in `deinit`.
private final class LibYAMLParser {
    let pointer: UnsafeMutablePointer<yaml_parser_t>

    /// Reads from `buffer`, which libyaml reads lazily: it must outlive this parser.
    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: yaml_parser_t())
        yaml_parser_initialize(pointer)
        yaml_parser_set_input_string(pointer, buffer.baseAddress, buffer.count)
    }

    deinit {
        yaml_parser_delete(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}

private struct EventReader {
    let parser: LibYAMLParser
    var anchors: [String: YAMLNode] = [:]

    init(_ parser: LibYAMLParser) {
        self.parser = parser
    }

    mutating func readStream() throws(YAMLError) -> YAMLNode? {
        _ = try next()                                   // stream start
        var event = try next()
        guard event.kind == .documentStart else { return nil }
        let root = try readNode(try next(), depth: 0)
        _ = try next()                                   // document end
        event = try next()
        if event.kind == .documentStart {
            throw YAMLError(mark: event.mark, problem: "expected one YAML document, found a second one ('---')")
        }
        return root
    }

    mutating func readNode(_ event: Event, depth: Int) throws(YAMLError) -> YAMLNode {
        let node: YAMLNode
        if depth >= YAMLParser.maximumDepth, event.kind == .sequenceStart || event.kind == .mappingStart {
            throw YAMLError(mark: event.mark, problem: "nested more than \(YAMLParser.maximumDepth) levels deep")
        }
        switch event.kind {
        case .alias:
            guard let target = anchors[event.value] else {
                throw YAMLError(mark: event.mark, problem: "unknown alias '*\(event.value)'")
            }
            return YAMLNode(target.content, mark: event.mark)
        case .scalar:
            node = YAMLNode(.scalar(event.value, event.style), mark: event.mark)
        case .sequenceStart:
            var items: [YAMLNode] = []
            while true {
                let item = try next()
                if item.kind == .sequenceEnd { break }
                items.append(try readNode(item, depth: depth + 1))
            }
            node = YAMLNode(.sequence(items), mark: event.mark)
        case .mappingStart:
            var pairs: [YAMLPair] = []
            var seen: Set<String> = []
            while true {
                let keyEvent = try next()
                if keyEvent.kind == .mappingEnd { break }
                let key = try readNode(keyEvent, depth: depth + 1)
                if let name = key.scalar, !seen.insert(name).inserted {
                    throw YAMLError(mark: key.mark, problem: "duplicate key '\(name)'")
                }
                pairs.append(YAMLPair(key: key, value: try readNode(try next(), depth: depth + 1)))
            }
            node = YAMLNode(.mapping(pairs), mark: event.mark)
        default:
            throw YAMLError(mark: event.mark, problem: "unexpected YAML event")
        }
        if let anchor = event.anchor { anchors[anchor] = node }
        return node
    }

    mutating func next() throws(YAMLError) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser.pointer, &event) == 1 else { throw parserError() }
        defer { yaml_event_delete(&event) }
        // libyaml marks start at 0 and count characters; ours start at 1.
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: return Event(kind: .streamStart, mark: mark)
        case YAML_STREAM_END_EVENT: return Event(kind: .streamEnd, mark: mark)
        case YAML_DOCUMENT_START_EVENT: return Event(kind: .documentStart, mark: mark)
        case YAML_DOCUMENT_END_EVENT: return Event(kind: .documentEnd, mark: mark)
        case YAML_ALIAS_EVENT:
            return Event(kind: .alias, mark: mark, value: string(event.data.alias.anchor))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let style: YAMLNode.ScalarStyle
            switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
            default: style = .plain
            }
            return Event(kind: .scalar, mark: mark, anchor: optionalString(scalar.anchor), value: text, style: style)
        case YAML_SEQUENCE_START_EVENT:
            return Event(kind: .sequenceStart, mark: mark, anchor: optionalString(event.data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT: return Event(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_START_EVENT:
            return Event(kind: .mappingStart, mark: mark, anchor: optionalString(event.data.mapping_start.anchor))
        default: return Event(kind: .mappingEnd, mark: mark)
        }
    }

    /// libyaml's problem, its position, and what it was parsing, e.g.
    /// "did not find expected key (while parsing a block mapping at 2:1)".
    func parserError() -> YAMLError {
        let state = parser.pointer.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "malformed YAML"
        let mark = Mark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        guard let context = state.context.map({ String(cString: $0) }) else { return YAMLError(mark: mark, problem: problem) }
        let at = Mark(line: Int(state.context_mark.line) + 1, column: Int(state.context_mark.column) + 1)
        return YAMLError(mark: mark, problem: problem, context: (context, at))
    }
}

private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
}

private func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
}
