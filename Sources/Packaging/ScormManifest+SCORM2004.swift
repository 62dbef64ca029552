import Foundation
import XML

extension ScormManifest {
    /// SCORM 2004 4th Edition: IMS CP 1.1.4 with ADL CP, sequencing and navigation extensions and LOM metadata.
    var scorm2004: XMLElement {
        var manifest = XMLElement("manifest", [
            ("identifier", Self.xmlID("MANIFEST", course.id)), ("version", course.version ?? "1.0"),
            ("xsi:schemaLocation", "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
                + "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
                + "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd "
                + "http://ltsc.ieee.org/xsd/LOM lom.xsd"),
        ], namespaces: [
            (nil, "http://www.imsglobal.org/xsd/imscp_v1p1"),
            ("adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
            ("adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
            ("adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
            ("imsss", "http://www.imsglobal.org/xsd/imsss"),
            ("lom", "http://ltsc.ieee.org/xsd/LOM"),
            ("xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        var metadata = XMLElement("metadata")
        metadata.append(XMLElement("schema", text: "ADL SCORM"))
        metadata.append(XMLElement("schemaversion", text: "2004 4th Edition"))
        metadata.append(lom(prefix: "lom", string: "lom:string", languageAttribute: "language"))
        manifest.append(metadata)

        var organization = XMLElement("organization", [("identifier", organizationID), ("adlseq:objectivesGlobalToSystem", "false")])
        organization.append(XMLElement("title", text: course.title))
        for sco in scos {
            var item = XMLElement("item", [("identifier", itemID(sco)), ("identifierref", resourceID(sco))])
            item.append(XMLElement("title", text: sco.title))
            item.append(scoSequencing(sco))
            organization.append(item)
        }
        // Learners move through the SCOs in order or pick one; the course is complete and satisfied
        // when its SCOs are (the default rollup, stated so LMSs show it).
        var sequencing = XMLElement("imsss:sequencing")
        sequencing.append(XMLElement("imsss:controlMode", [("choice", "true"), ("flow", "true")]))
        sequencing.append(XMLElement("imsss:rollupRules", [("rollupObjectiveSatisfied", "true"), ("rollupProgressCompletion", "true")]))
        organization.append(sequencing)

        var organizations = XMLElement("organizations", [("default", organizationID)])
        organizations.append(organization)
        manifest.append(organizations)
        manifest.append(resources(typeAttribute: "adlcp:scormType"))
        return manifest
    }

    /// A SCO sets its own completion and success by the course's rule. Its primary objective is not
    /// satisfied by measure (no `cmi.scaled_passing_score`), so the LMS never judges the score itself.
    /// A SCO without quizzes never passes or fails, so it takes no part in the course's satisfaction.
    private func scoSequencing(_ sco: Sco) -> XMLElement {
        var sequencing = XMLElement("imsss:sequencing")
        if sco.quizzes.isEmpty {
            sequencing.append(XMLElement("imsss:rollupRules", [("rollupObjectiveSatisfied", "false"), ("objectiveMeasureWeight", "0")]))
        } else {
            let primary = XMLElement("imsss:primaryObjective", [("objectiveID", Self.xmlID("OBJ", sco.id))])
            sequencing.append(XMLElement("imsss:objectives", children: [.element(primary)]))
        }
        sequencing.append(XMLElement("imsss:deliveryControls", [("completionSetByContent", "true"), ("objectiveSetByContent", "true")]))
        return sequencing
    }
}
