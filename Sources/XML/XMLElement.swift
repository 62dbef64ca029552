/// An element to write: a qualified name (`adlcp:masteryscore`), attributes, namespace declarations
/// and children. Plain values; `XMLDocument` turns them into a libxml2 tree.
public struct XMLElement: Sendable {
    public enum Child: Sendable {
        case element(XMLElement)
        case text(String)
    }

    public var name: String
    public var attributes: [(name: String, value: String)]
    /// Namespaces declared on this element: prefix (nil for the default namespace) → URI.
    public var namespaces: [(prefix: String?, uri: String)]
    public var children: [Child]

    public init(_ name: String, _ attributes: [(name: String, value: String)] = [], namespaces: [(prefix: String?, uri: String)] = [],
                children: [Child] = []) {
        self.name = name
        self.attributes = attributes
        self.namespaces = namespaces
        self.children = children
    }

    /// An element holding only text.
    public init(_ name: String, _ attributes: [(name: String, value: String)] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    public mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }
}
