import Foundation
import Testing
import XML

@Test func elementsBindToDeclaredNamespacesAndTextIsEscaped() throws {
    var root = XMLElement("manifest", [("identifier", "M-1"), ("x:flag", "a<b & \"c\"")],
                          namespaces: [(nil, "urn:default"), ("x", "urn:x")])
    root.append(XMLElement("x:child", text: "Fish & <chips>"))
    let text = try XMLDocument.serialize(root)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
    #expect(text.contains("<manifest xmlns=\"urn:default\" xmlns:x=\"urn:x\" identifier=\"M-1\" x:flag=\"a&lt;b &amp; &quot;c&quot;\">"))
    #expect(text.contains("<x:child>Fish &amp; &lt;chips&gt;</x:child>"))
}

@Test func anUndeclaredPrefixIsAnError() {
    #expect(throws: XMLError.self) { try XMLDocument.serialize(XMLElement("nope:root")) }
}

@Test func schemaValidationReportsLinesAndMessages() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xsd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let schema = """
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="course"><xs:complexType><xs:sequence>
        <xs:element name="title" type="xs:string"/><xs:element name="minutes" type="xs:positiveInteger"/>
      </xs:sequence></xs:complexType></xs:element>
    </xs:schema>
    """
    try Data(schema.utf8).write(to: folder.appendingPathComponent("course.xsd"))
    let compiled = try XMLSchema(path: folder.appendingPathComponent("course.xsd").path)
    #expect(compiled.validate("<course><title>A</title><minutes>5</minutes></course>").isEmpty)
    let problems = compiled.validate("<course>\n<title>A</title>\n<minutes>soon</minutes>\n</course>")
    #expect(problems.count == 1 && problems.first?.line == 3)
    #expect(problems.first?.message.contains("'soon' is not a valid value") == true)
    #expect(compiled.validate("<course><title>").first?.message.hasPrefix("not well-formed XML") == true)
}
