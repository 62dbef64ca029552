import CourseModel
import XML

/// One launchable unit of the package: the whole course or one module.
struct Sco {
    /// `course` or the module id.
    var id: String
    var title: String
    /// The launch page, relative to the package root.
    var launchPage: String
    var modules: [Module]
    var lessons: [Lesson] { modules.flatMap(\.lessons) }
    var quizzes: [Quiz] { modules.flatMap(\.quizzes) }
}

/// Builds `imsmanifest.xml` as an element tree (serialized by libxml2): metadata from the course,
/// an organization of SCO items, and resources listing every file.
struct ScormManifest {
    let course: Course
    let edition: ScormEdition
    let scos: [Sco]
    /// Every package file but the manifest, the launch pages and the schemas, sorted.
    let contentFiles: [String]
    /// The XML schemas (and their notice) shipped for the manifest, sorted.
    let schemaFiles: [String]

    var element: XMLElement {
        edition == .scorm12 ? scorm12 : scorm2004
    }

    /// An XML `ID` (an NCName) made from a Lectern id: letters, digits, `.`, `_`, `-`, starting with a letter.
    static func xmlID(_ prefix: String, _ id: String) -> String {
        prefix + "-" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    }

    var organizationID: String { Self.xmlID("ORG", course.id) }
    var contentResourceID: String { Self.xmlID("RES", "content") }
    func itemID(_ sco: Sco) -> String { Self.xmlID("ITEM", sco.id) }
    func resourceID(_ sco: Sco) -> String { Self.xmlID("RES-SCO", sco.id) }

    /// Short plain text for metadata: the short description, else the description.
    var summary: String? { course.shortDescription ?? course.description }

    /// The general metadata both editions carry: title, language, description and keywords, in IMS
    /// Metadata 1.2.1 (`imsmd:langstring xml:lang`) or IEEE LOM (`lom:string language`) form.
    func lom(prefix: String, string: String, languageAttribute: String) -> XMLElement {
        func text(_ value: String) -> XMLElement.Child {
            .element(XMLElement(string, [(languageAttribute, course.language)], text: value))
        }
        var general = XMLElement("\(prefix):general")
        general.append(XMLElement("\(prefix):title", children: [text(course.title)]))
        general.append(XMLElement("\(prefix):language", text: course.language))
        if let summary { general.append(XMLElement("\(prefix):description", children: [text(summary)])) }
        for tag in course.tags { general.append(XMLElement("\(prefix):keyword", children: [text(tag)])) }
        return XMLElement("\(prefix):lom", children: [.element(general)])
    }

    func resources(typeAttribute: String) -> XMLElement {
        var resources = XMLElement("resources")
        for sco in scos {
            var resource = XMLElement("resource", [("identifier", resourceID(sco)), ("type", "webcontent"),
                                                   (typeAttribute, "sco"), ("href", sco.launchPage)])
            resource.append(XMLElement("file", [("href", sco.launchPage)]))
            resource.append(XMLElement("dependency", [("identifierref", contentResourceID)]))
            resources.append(resource)
        }
        var content = XMLElement("resource", [("identifier", contentResourceID), ("type", "webcontent"), (typeAttribute, "asset")])
        for file in contentFiles { content.append(XMLElement("file", [("href", file)])) }
        resources.append(content)
        if !schemaFiles.isEmpty {
            var schemas = XMLElement("resource", [("identifier", Self.xmlID("RES", "schemas")), ("type", "webcontent"), (typeAttribute, "asset")])
            for file in schemaFiles { schemas.append(XMLElement("file", [("href", file)])) }
            resources.append(schemas)
        }
        return resources
    }
}
