internal import CLibXML2
import Foundation

// Still a lock, not a `Mutex`: the compiled schema comes out of libxml2's parser context, and the
// region checker cannot tell it apart from that context, so it refuses to send it into a `Mutex`.
/// A compiled XML Schema (XSD) that validates documents with libxml2. Imports and includes are resolved
/// relative to the schema file; the network is never used.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    /// One validation at a time.
    private let lock = NSLock()

    /// Compiles the schema at `path`.
    /// - Throws: `XMLError` with libxml2's messages when the schema does not compile.
    public init(path: String) throws(XMLError) {
        guard let parser = xmlSchemaNewParserCtxt(path) else { throw XMLError(message: "cannot read schema \(path)") }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let messages = MessageCollector()
        // Compiling the official SCORM 1.2 schemas prints a harmless namespace warning about ims_xml.xsd;
        // collecting messages keeps them off the terminal and puts them in the error if compiling fails.
        let context = Unmanaged.passUnretained(messages).toOpaque()
        xmlSchemaSetParserStructuredErrors(parser, collectMessage, context)
        // Errors from parsing the schema documents themselves bypass the context's handler and go to the
        // thread's global one; route them to the collector for this call only.
        xmlSetStructuredErrorFunc(context, collectMessage)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard let compiled = xmlSchemaParse(parser) else {
            throw XMLError(message: "schema \(path) does not compile: " + messages.items.map(\.message).joined(separator: "; "))
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Problems found validating `text`: each with its 1-based line and libxml2's message. Empty when valid.
    public func validate(_ text: String, name: String = "document.xml") -> [XMLValidationError] {
        lock.withLock {
            let messages = MessageCollector()
            let bytes = Array(text.utf8)
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
            guard let document = bytes.withUnsafeBufferPointer({ buffer in
                buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), name, "UTF-8", options) }
            }) else {
                let error = xmlGetLastError()
                return [XMLValidationError(line: Int(error?.pointee.line ?? 0), message: "not well-formed XML: "
                        + (error?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""))]
            }
            defer { xmlFreeDoc(document) }
            guard let context = xmlSchemaNewValidCtxt(schema) else { return [XMLValidationError(line: 0, message: "cannot validate")] }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, collectMessage, Unmanaged.passUnretained(messages).toOpaque())
            let result = xmlSchemaValidateDoc(context, document)
            if result != 0 && messages.items.isEmpty {
                return [XMLValidationError(line: 0, message: "invalid (libxml2 code \(result))")]
            }
            return messages.items
        }
    }
}

/// One validation problem.
public struct XMLValidationError: Sendable, Equatable, CustomStringConvertible {
    /// Starting at 1; 0 when unknown.
    public var line: Int
    public var message: String
    public var description: String { "\(line): \(message)" }
}

/// Receives libxml2's structured errors during one parse or validation.
private final class MessageCollector {
    var items: [XMLValidationError] = []
}

private let collectMessage: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let collector = Unmanaged<MessageCollector>.fromOpaque(context).takeUnretainedValue()
    let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "error"
    collector.items.append(XMLValidationError(line: Int(error.pointee.line), message: message))
}
