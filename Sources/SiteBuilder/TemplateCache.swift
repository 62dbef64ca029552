import Synchronization
import Templating

/// Parsed template libraries by their sources. A build loads its themes several times (the catalog,
/// every course, the SCORM packager once per SCO): each set of templates is parsed once, however many
/// times it is loaded, and an edited template is a new key, so nothing stale is served.
enum TemplateCache {
    /// A few themes and their course overrides; `lectern preview` makes a new key per template edit,
    /// so old ones are dropped past this.
    static let capacity = 16
    private static let libraries = Mutex<[[String: String]: TemplateLibrary]>([:])

    /// The parsed library for these sources (template name → Mustache text), parsed by `parse` on first use.
    static func library(_ sources: [String: String],
                        parse: ([String: String]) throws(TemplateError) -> TemplateLibrary = TemplateLibrary.init(sources:))
    throws(TemplateError) -> TemplateLibrary {
        if let cached = libraries.withLock({ $0[sources] }) { return cached }
        // Parsed outside the lock: two threads may both parse a new theme once, but never wait on each other.
        let library = try parse(sources)
        libraries.withLock { libraries in
            if libraries.count >= capacity { libraries.removeAll() }
            libraries[sources] = library
        }
        return library
    }
}
