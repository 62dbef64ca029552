import CourseModel
import Foundation
import XML

/// Reads a hosted package's `imsmanifest.xml`: edition, title, description and the SCOs of the default
/// organization, after validating it against the edition's official schemas.
enum ScormManifestReader {
    static func read(_ text: String, files: Set<String>) throws(ScormPackageRefusal) -> ScormPackageContents {
        let root: XMLElement
        do { root = try XMLReader.parse(text, name: "imsmanifest.xml") } catch {
            throw ScormPackageRefusal("invalid_manifest", error.message)
        }
        guard root.name == "manifest" else { throw ScormPackageRefusal("invalid_manifest", "imsmanifest.xml: the root element is <\(root.name)>, not <manifest>") }
        let edition = self.edition(root)
        let problems: [XMLValidationError]
        do { problems = try ScormSchemas.validate(text, edition: edition) } catch {
            throw ScormPackageRefusal("invalid_manifest", error.message)
        }
        if let first = problems.first {
            throw ScormPackageRefusal("invalid_manifest", "imsmanifest.xml:\(first.line): \(first.message) (checked against the \(edition.displayName) schemas)")
        }
        let organizations = root.element("organizations")
        let chosen = organizations?.attribute("default")
        guard let organization = organizations?.elements("organization").first(where: { $0.attribute("identifier") == chosen })
                ?? organizations?.elements("organization").first else {
            throw ScormPackageRefusal("no_sco", "imsmanifest.xml has no organization to launch")
        }
        let resources = root.element("resources")
        let base = resources?.attribute("base") ?? ""
        var byID: [String: XMLElement] = [:]
        for resource in resources?.elements("resource") ?? [] { if let id = resource.attribute("identifier") { byID[id] = resource } }
        var scos: [ScormSco] = []
        func visit(_ item: XMLElement) throws(ScormPackageRefusal) {
            if let reference = item.attribute("identifierref") {
                guard let resource = byID[reference], let href = resource.attribute("href") else {
                    throw ScormPackageRefusal("invalid_manifest", "item '\(item.attribute("identifier") ?? "")' names resource '\(reference)', which has no href")
                }
                let file = base + (resource.attribute("base") ?? "") + href
                let path = String(file.split(separator: "?", maxSplits: 1).first ?? "").removingPercentEncoding ?? file
                guard files.contains(path) else {
                    throw ScormPackageRefusal("missing_launch_file", "item '\(item.attribute("identifier") ?? "")' launches '\(path)', which the package does not hold")
                }
                // The 1.2 schema types masteryscore as any string; the CAM says a number from 0 to 100.
                if edition == .scorm12, let score = item.element("masteryscore")?.text, !(Double(score).map { (0...100).contains($0) } ?? false) {
                    throw ScormPackageRefusal("invalid_manifest", "item '\(item.attribute("identifier") ?? "")': masteryscore '\(score)' is not a number from 0 to 100")
                }
                scos.append(ScormSco(identifier: item.attribute("identifier") ?? reference, title: item.element("title")?.text ?? reference,
                                            launch: file + (item.attribute("parameters") ?? ""), masteryScore: masteryScore(item, edition)))
            }
            for child in item.elements("item") { try visit(child) }
        }
        for item in organization.elements("item") { try visit(item) }
        guard !scos.isEmpty else { throw ScormPackageRefusal("no_sco", "the default organization has no item that launches a resource") }
        let general = root.element("metadata")?.element("lom")?.element("general")
        let title = organization.element("title")?.text ?? general?.element("title").map(langText) ?? scos[0].title
        return ScormPackageContents(edition: edition, title: title, description: general?.element("description").map(langText) ?? "",
                                    scos: scos, entryCount: 0, extractedBytes: 0)
    }

    /// SCORM 1.2 says `<schemaversion>1.2</schemaversion>`; 2004 says "CAM 1.3" or "2004 nth Edition".
    static func edition(_ root: XMLElement) -> ScormEdition {
        let version = root.element("metadata")?.element("schemaversion")?.text ?? ""
        if version == "1.2" { return .scorm12 }
        if version.contains("2004") || version.contains("1.3") { return .scorm2004 }
        // Without a version: 2004 spells the resource attribute scormType, 1.2 scormtype.
        let resources = root.element("resources")?.elements("resource") ?? []
        return resources.contains { $0.attribute("scormType") != nil } ? .scorm2004 : .scorm12
    }

    /// LOM text: 1.2's `<langstring>` or 2004's `<string>` (the first), or the element's own text.
    static func langText(_ element: XMLElement) -> String {
        (element.element("langstring") ?? element.element("string"))?.text ?? element.text
    }

    static func masteryScore(_ item: XMLElement, _ edition: ScormEdition) -> Double? {
        if edition == .scorm12 { return item.element("masteryscore").flatMap { Double($0.text) } }
        guard let objective = item.element("sequencing")?.element("objectives")?.element("primaryObjective"),
              objective.attribute("satisfiedByMeasure") == "true",
              let measure = objective.element("minNormalizedMeasure").flatMap({ Double($0.text) }) else { return nil }
        return measure * 100
    }
}
