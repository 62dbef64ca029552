import Foundation

/// A module folder found on disk, before its files are read.
struct ModuleLayout {
    var path: String
    /// Lesson and quiz files, course-relative, in course order.
    var itemPaths: [String]
}

extension Loader {
    /// The module folders and what is wrong with the listing (stray files, shared numbers), from `cache`
    /// while no file or folder came or went: they derive from the listing alone.
    static func moduleLayouts(_ tree: CourseTree, cache: LoadCache?, log: DiagnosticLog) -> [ModuleLayout] {
        if let cached = cache?.layouts(for: tree.fingerprint) {
            log.append(contentsOf: cached.diagnostics)
            return cached.layouts
        }
        let listingLog = DiagnosticLog()
        let layouts = discoverModules(tree, log: listingLog)
        reportStrayFiles(tree, modules: layouts, log: listingLog)
        cache?.storeLayouts(layouts, diagnostics: listingLog.diagnostics, for: tree.fingerprint)
        log.append(contentsOf: listingLog.diagnostics)
        return layouts
    }

    /// Folders that are never modules, whatever their names.
    static let reservedFolders: Set<String> = ["theme"]

    /// Finds the module folders: top-level folders with a numeric prefix (`01-basics`) or a `module.yaml`,
    /// ordered by prefix, then name. Other folders hold media.
    static func discoverModules(_ tree: CourseTree, log: DiagnosticLog) -> [ModuleLayout] {
        var filesByFolder: [String: [String]] = [:]
        for file in tree.files where file.hasSuffix(".md") || file.hasSuffix(".quiz.yaml") {
            filesByFolder[CoursePath.folder(of: file), default: []].append(file)
        }
        let topFolders = tree.folders.filter { !$0.contains("/") && !reservedFolders.contains($0) }
        var layouts: [ModuleLayout] = []
        for folder in topFolders {
            let isModule = Identifier.splitPrefix(folder).order != nil || tree.files.contains(folder + "/module.yaml")
            let items = filesByFolder[folder] ?? []
            guard isModule else {
                if items.contains(where: { $0.hasSuffix(".md") }) {
                    log.warning("folder '\(folder)' holds Markdown files but is not a module, so they are not lessons",
                                at: SourceLocation(path: folder), hint: "give it a numeric prefix, e.g. '01-\(folder)'")
                }
                continue
            }
            layouts.append(ModuleLayout(path: folder, itemPaths: inCourseOrder(items)))
        }
        let ordered = inCourseOrder(layouts.map(\.path))
        return ordered.compactMap { path in layouts.first { $0.path == path } }
    }

    /// Paths ordered by the numeric prefix of their last component, then by name; names without a
    /// prefix come last. Sort keys are computed once per path, not per comparison.
    static func inCourseOrder(_ paths: [String]) -> [String] {
        paths.map { path -> (order: Int, name: String, path: String) in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return (Identifier.splitPrefix(name).order ?? Int.max, name, path)
        }
        .sorted { ($0.order, $0.name) < ($1.order, $1.name) }
        .map(\.path)
    }

    /// Reads the module's optional `module.yaml`; without it the title comes from the folder name.
    /// - Returns: the module without items, and where its id comes from (for duplicate reports).
    static func readModuleFile(_ layout: ModuleLayout, tree: CourseTree, log: DiagnosticLog) -> (Module, SourceLocation) {
        var module = Module(id: derivedItemName(layout.path), title: Identifier.humanized(layout.path),
                            description: nil, isDraft: false, path: layout.path, items: [])
        var idLocation = SourceLocation(path: layout.path)
        let path = layout.path + "/module.yaml"
        guard tree.files.contains(path), let root = parseYAML(path, tree: tree, log: log),
              let fields = MappingReader(root, path: path, log: log, what: "module.yaml",
                                         keys: ["id", "title", "description", "draft"]) else {
            return (module, idLocation)
        }
        if let (id, location) = fields.identifier() {
            module.id = id
            idLocation = location
        }
        module.title = fields.string("title", required: fields.has("title")) ?? module.title
        module.description = fields.markdown("description")
        module.isDraft = fields.bool("draft") ?? false
        return (module, idLocation)
    }
}
