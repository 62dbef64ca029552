/// A value a template renders: built by the site builder from the course model, or from JSON in tests.
public enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([TemplateValue])
    case object([String: TemplateValue])
}

extension TemplateValue {
    /// Whether a section `{{#name}}` renders: `null`, `false`, `[]` and `""` are falsey; numbers (even 0)
    /// and objects (even empty ones) are truthy.
    ///
    /// The spec only fixes `null`, `false` and the empty list. An empty string is falsey so that
    /// `{{#subtitle}}<h2>{{subtitle}}</h2>{{/subtitle}}` hides empty front-matter fields, as in mustache.js;
    /// zero stays truthy so that "0 lessons" can still be shown.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .string(let value): !value.isEmpty
        case .array(let items): !items.isEmpty
        case .int, .double, .object: true
        }
    }

    /// The text `{{name}}` inserts before escaping: numbers in decimal (integral doubles without ".0"),
    /// `true`/`false`, and nothing for `null`, arrays and objects.
    public var interpolationText: String {
        switch self {
        case .null, .array, .object: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .string(let value): value
        case .double(let value):
            // 1.0 prints as "1" like JSON producers do; Double's description is the shortest
            // round-tripping form ("1.21"), which is what the spec expects for other values.
            if value.rounded() == value, abs(value) < 1e15 { String(Int(value)) } else { String(value) }
        }
    }

    /// The value stored under `key` when this value is an object.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { fields[key] } else { nil }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    /// A `.string` value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A `.bool` value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// An `.int` value.
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    /// A `.double` value.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// An `.array` value.
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// An `.object` value; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
