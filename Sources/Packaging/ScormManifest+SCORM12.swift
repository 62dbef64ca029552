import XML

extension ScormManifest {
    /// SCORM 1.2: IMS CP 1.1.2 with ADL CP 1.2 extensions and IMS Metadata 1.2.1.
    var scorm12: XMLElement {
        var manifest = XMLElement("manifest", [
            ("identifier", Self.xmlID("MANIFEST", course.id)), ("version", course.version ?? "1.0"),
            ("xsi:schemaLocation", "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
                + "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                + "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"),
        ], namespaces: [
            (nil, "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
            ("adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
            ("imsmd", "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"),
            ("xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        var metadata = XMLElement("metadata")
        metadata.append(XMLElement("schema", text: "ADL SCORM"))
        metadata.append(XMLElement("schemaversion", text: "1.2"))
        metadata.append(lom(prefix: "imsmd", string: "imsmd:langstring", languageAttribute: "xml:lang"))
        manifest.append(metadata)

        var organization = XMLElement("organization", [("identifier", organizationID)])
        organization.append(XMLElement("title", text: course.title))
        for sco in scos {
            var item = XMLElement("item", [("identifier", itemID(sco)), ("identifierref", resourceID(sco)), ("isvisible", "true")])
            item.append(XMLElement("title", text: sco.title))
            // No adlcp:masteryscore: an LMS would judge the SCO's score with it and override the status
            // the SCO sets by the course's own rule (a learner part-way through would be "failed").
            organization.append(item)
        }
        var organizations = XMLElement("organizations", [("default", organizationID)])
        organizations.append(organization)
        manifest.append(organizations)
        manifest.append(resources(typeAttribute: "adlcp:scormtype"))
        return manifest
    }
}
