import Templating

/// Building template contexts with optional fields: an absent value leaves the key out, so
/// `{{#code}}…{{/code}}` sections simply do not render.
extension Dictionary where Key == String, Value == TemplateValue {
    mutating func set(_ key: String, _ value: String?) {
        if let value { self[key] = .string(value) }
    }

    mutating func set(_ key: String, _ value: Int?) {
        if let value { self[key] = .int(value) }
    }

    mutating func set(_ key: String, _ value: Double?) {
        if let value { self[key] = .double(value) }
    }

    mutating func set(_ key: String, _ value: [String: TemplateValue]?) {
        if let value { self[key] = .object(value) }
    }
}

extension TemplateValue {
    /// Every string inside the value, depth first.
    var strings: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.flatMap(\.strings)
        case .object(let fields): fields.values.flatMap(\.strings)
        case .null, .bool, .int, .double: []
        }
    }

    /// A list of texts.
    static func strings(_ items: [String]) -> TemplateValue {
        .array(items.map { .string($0) })
    }
}
