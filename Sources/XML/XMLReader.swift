internal import CLibXML2
import Foundation

/// Parses a document into plain `XMLElement` values, for reading manifests. Names are local names (the
/// prefix dropped: `adlcp:masteryscore` → `masteryscore`), since packages spell prefixes as they like; no
/// network, no external entities.
public enum XMLReader {
    public static func parse(_ text: String, name: String = "document.xml") throws(XMLError) -> XMLElement {
        let bytes = Array(text.utf8)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), name, "UTF-8", options) }
        }) else {
            let error = xmlGetLastError()
            let message = error?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "unreadable"
            throw XMLError(message: "\(name):\(error?.pointee.line ?? 0): not well-formed XML: \(message)")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw XMLError(message: "\(name) has no root element") }
        return element(root)
    }

    private static func element(_ node: xmlNodePtr) -> XMLElement {
        var result = XMLElement(String(cString: node.pointee.name))
        var attribute = node.pointee.properties
        while let current = attribute {
            let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            result.attributes.append((String(cString: current.pointee.name), value.map { String(cString: $0) } ?? ""))
            lectern_xml_free(value)
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: result.children.append(.element(element(current)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result.children.append(.text(String(cString: content))) }
            default: break
            }
            child = current.pointee.next
        }
        return result
    }
}

extension XMLElement {
    /// The child elements named `name` (a local name).
    public func elements(_ name: String) -> [XMLElement] {
        children.compactMap { if case .element(let element) = $0, element.name == name { element } else { nil } }
    }

    public func element(_ name: String) -> XMLElement? { elements(name).first }

    /// An attribute's value by local name.
    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    /// The text inside, trimmed.
    public var text: String {
        children.map { if case .text(let text) = $0 { text } else if case .element(let element) = $0 { element.text } else { "" } }
            .joined().trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
