internal import CLibXML2
import Foundation

/// Serializes an `XMLElement` tree through libxml2's tree API, which escapes text and attribute values
/// and binds every prefix to its declared namespace.
public enum XMLDocument {
    /// The document as UTF-8 text with an XML declaration, indented.
    /// - Throws: `XMLError` when a prefix has no namespace declaration in scope.
    public static func serialize(_ root: XMLElement) throws(XMLError) -> String {
        guard let document = xmlNewDoc("1.0") else { throw XMLError(message: "cannot create an XML document") }
        defer { xmlFreeDoc(document) }
        let node = try build(root, parent: nil, document: document)
        xmlDocSetRootElement(document, node)
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpFormatMemoryEnc(document, &buffer, &size, "UTF-8", 1)
        guard let buffer else { throw XMLError(message: "cannot serialize the XML document") }
        defer { lectern_xml_free(buffer) }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: Int(size)), as: UTF8.self)
    }

    private static func build(_ element: XMLElement, parent: xmlNodePtr?, document: xmlDocPtr) throws(XMLError) -> xmlNodePtr {
        let (prefix, local) = split(element.name)
        guard let node = xmlNewDocNode(document, nil, local, nil) else { throw XMLError(message: "cannot create <\(element.name)>") }
        if let parent { xmlAddChild(parent, node) }
        for declaration in element.namespaces {
            xmlNewNs(node, declaration.uri, declaration.prefix)
        }
        // Bind the element to its namespace: declared here or on an ancestor (the default one when unprefixed).
        if let namespace = xmlSearchNs(document, node, prefix) {
            xmlSetNs(node, namespace)
        } else if prefix != nil {
            throw XMLError(message: "no namespace declared for prefix '\(prefix!)' of <\(element.name)>")
        }
        for attribute in element.attributes {
            let (attributePrefix, attributeName) = split(attribute.name)
            if let attributePrefix {
                // xml:lang and friends: the xml prefix is always bound.
                guard let namespace = xmlSearchNs(document, node, attributePrefix) else {
                    throw XMLError(message: "no namespace declared for prefix '\(attributePrefix)' of attribute \(attribute.name)")
                }
                xmlNewNsProp(node, namespace, attributeName, attribute.value)
            } else {
                xmlNewProp(node, attributeName, attribute.value)
            }
        }
        for child in element.children {
            switch child {
            case .element(let childElement):
                _ = try build(childElement, parent: node, document: document)
            case .text(let text):
                // xmlNewDocText stores the text as is; serialization escapes it.
                if let textNode = xmlNewDocText(document, text) { xmlAddChild(node, textNode) }
            }
        }
        return node
    }

    private static func split(_ name: String) -> (prefix: String?, local: String) {
        guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }
}

/// An XML document could not be built, parsed or validated.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
