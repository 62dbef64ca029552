/// The SCORM editions Lectern packages for, with the limits of their data model.
public enum ScormEdition: String, Sendable, CaseIterable {
    case scorm12
    case scorm2004

    /// `cmi.suspend_data` characters: 4,096 in SCORM 1.2, 64,000 in SCORM 2004 4th edition.
    public var suspendDataLimit: Int { self == .scorm12 ? 4096 : 64000 }
    /// `cmi.core.lesson_location` (1.2) or `cmi.location` (2004) characters.
    public var locationLimit: Int { self == .scorm12 ? 255 : 1000 }
    /// The version the SCO runtime script expects.
    var runtimeVersion: String { self == .scorm12 ? "1.2" : "2004" }
    /// The schema that validates this edition's manifests, inside the embedded `Schemas/` folder.
    var schemaPath: String { self == .scorm12 ? "scorm12/scorm12-all.xsd" : "scorm2004-4th/scorm2004-4th-all.xsd" }
    public var displayName: String { self == .scorm12 ? "SCORM 1.2" : "SCORM 2004 4th Edition" }
}

/// How the course is cut into SCOs (the units an LMS launches and tracks).
public enum ScoLayout: String, Sendable {
    /// One SCO for the whole course: the layout LMSs handle best.
    case single
    /// One SCO per module, with sequencing that flows from one to the next (SCORM 2004).
    case perModule
}
