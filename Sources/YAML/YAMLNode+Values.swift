// Typed readings of scalars, following the YAML 1.2 core schema (no `yes`/`no` booleans).

extension YAMLNode {
    /// The scalar's text whatever its style, or nil for sequences and mappings.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// True for an empty plain scalar, `~` and `null`.
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The value as a string: any scalar that is not null. Numbers and booleans read as their text.
    public var string: String? {
        isNull ? nil : scalar
    }

    /// The value of a plain `true` or `false` scalar.
    public var bool: Bool? {
        guard case .scalar(let text, .plain) = content else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The value of a plain integer scalar (decimal, with an optional sign).
    public var int: Int? {
        guard case .scalar(let text, .plain) = content else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// The value of a plain numeric scalar, integer or decimal.
    public var double: Double? {
        guard case .scalar(let text, .plain) = content else { return nil }
        if let int { return Double(int) }
        switch text {
        case ".inf", ".Inf", "+.inf": return .infinity
        case "-.inf", "-.Inf": return -.infinity
        default: break
        }
        guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true else { return nil }
        return Double(text)
    }

    /// The items of a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The entries of a mapping, in document order.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A word for the node's kind, for messages such as "expected a list, found a mapping".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar:
            if isNull { return "nothing" }
            if bool != nil { return "a boolean" }
            if double != nil { return "a number" }
            return "text"
        }
    }
}
