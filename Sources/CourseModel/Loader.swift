import Foundation
import Markdown
import Utilities

/// How to load a course.
public struct LoadOptions: Sendable {
    /// Keep modules, lessons and quizzes marked `draft: true` in the model.
    public var includeDrafts: Bool
    /// Reuse the results of files unchanged since an earlier load with the same cache.
    public var cache: LoadCache?
    /// Refuse video and audio on the web, for kiosks without internet (`lectern check --offline`).
    public var offline: Bool
    /// Languages the UI has string tables for; a course in another language (without its own
    /// `theme/strings/<lang>.json`) gets a warning. nil: not checked.
    public var uiLanguages: Set<String>?
    /// Course-relative paths of the only files changed since the last load with `cache` (a file watcher
    /// knows): when each was there before and still is, the folder is not listed again.
    public var changedFiles: Set<String>?

    public init(includeDrafts: Bool = false, cache: LoadCache? = nil, offline: Bool = false, uiLanguages: Set<String>? = nil) {
        self.includeDrafts = includeDrafts
        self.cache = cache
        self.offline = offline
        self.uiLanguages = uiLanguages
    }
}

/// A loaded course and every problem found on the way.
public struct LoadResult: Sendable {
    public var course: Course
    public var diagnostics: [Diagnostic]
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads a course folder into an immutable `Course`, collecting every problem as a `Diagnostic`.
public enum Loader {
    /// Loads the course in `folder`. Drafts are checked but left out unless `options.includeDrafts`.
    /// - Throws: `LoaderError` only when the folder cannot be read at all.
    public static func load(_ folder: URL, options: LoadOptions = LoadOptions()) throws(LoaderError) -> LoadResult {
        let root = folder.standardizedFileURL
        let tree: CourseTree
        if let changed = options.changedFiles, let cache = options.cache, let earlier = cache.tree(root)?.restamped(changed) {
            tree = earlier
        } else {
            tree = try CourseTree.scan(root)
        }
        options.cache?.storeTree(tree)
        let log = DiagnosticLog()
        for link in tree.outsideLinks {
            log.error("'\(link)' is a symbolic link to a file outside the course folder; it is left out", at: SourceLocation(path: link),
                      hint: "copy the file into the course folder instead of linking to it")
        }
        for entry in tree.skipped {
            switch entry.reason {
            case .nameNotUTF8:
                log.warning("the name of '\(entry.path)' is not valid UTF-8; it is left out of the course", at: SourceLocation(path: entry.path),
                            hint: "rename it with letters, digits and dashes (e.g. 'convmv -f latin1 -t utf8' fixes old archives)")
            case .unresolvedLink:
                log.warning("'\(entry.path)' is a symbolic link that does not resolve (it points to itself or to nothing); it is left out",
                            at: SourceLocation(path: entry.path), hint: "remove the link, or replace it with the file itself")
            }
        }
        var references: [PendingReference] = []
        var course = readCourseFile(tree, folderName: folder.standardizedFileURL.lastPathComponent,
                                    log: log, references: &references)

        var modules: [Module] = []
        var moduleIDs: [(id: String, location: SourceLocation)] = []
        var loads: [ItemLoad] = []
        let layouts = moduleLayouts(tree, cache: options.cache, log: log)
        for layout in layouts {
            let (module, idLocation) = readModuleFile(layout, tree: tree, log: log)
            moduleIDs.append((module.id, idLocation))
            let itemLoads = loadItems(layout.itemPaths, moduleID: module.id, moduleIsDraft: module.isDraft, tree: tree,
                                      cache: options.cache, offline: options.offline)
            if itemLoads.isEmpty {
                log.warning("module '\(layout.path)' has no lessons or quizzes", at: SourceLocation(path: layout.path),
                            hint: "add Markdown lessons ('01-intro.md') or quizzes ('02-check.quiz.yaml') to it")
            }
            var withItems = module
            withItems.items = itemLoads.compactMap(\.item).filter { options.includeDrafts || !$0.isDraft }
            if options.includeDrafts || !module.isDraft { modules.append(withItems) }
            loads += itemLoads
        }
        for load in loads { log.append(contentsOf: load.diagnostics) }
        checkUniqueIDs(moduleIDs: moduleIDs, loads: loads, log: log)

        let index = ItemIndex(loads: loads)
        course.modules = modules
        course.itemIDsByPath = index.idsByPath
        course.mediaFiles = checkReferences(courseFile: references, loads: loads, other: log.references, index: index, tree: tree,
                                            includeDrafts: options.includeDrafts, cache: options.cache, log: log)
        checkCompletionRule(&course, index: index, log: log)
        if let languages = options.uiLanguages {
            checkUILanguage(course.language, known: languages, tree: tree, log: log)
        }
        return LoadResult(course: course, diagnostics: log.diagnostics.sortedByLocation())
    }

    /// Loads lessons and quizzes in parallel: parsing Markdown and YAML dominates load time.
    static func loadItems(_ paths: [String], moduleID: String, moduleIsDraft: Bool, tree: CourseTree, cache: LoadCache?,
                          offline: Bool) -> [ItemLoad] {
        // Cached results first, on this thread: sending 20 lookups to other cores costs more than making them.
        var loads: [ItemLoad?] = paths.map { path in
            // Media lessons are always read again: their caption and poster files can change on their own.
            guard !offline, let cached = cache?.load(path, stamp: tree.stamps[path], moduleID: moduleID, moduleIsDraft: moduleIsDraft),
                  !cached.isMediaLesson else { return nil }
            return cached
        }
        let missing = loads.indices.filter { loads[$0] == nil }
        let parsed = parallelMap(missing) { index in
            let path = paths[index]
            let load = path.hasSuffix(".quiz.yaml")
                ? loadQuiz(path, moduleID: moduleID, moduleIsDraft: moduleIsDraft, tree: tree)
                : path.hasSuffix(assignmentSuffix)
                ? loadAssignment(path, moduleID: moduleID, moduleIsDraft: moduleIsDraft, tree: tree)
                : loadLesson(path, moduleID: moduleID, moduleIsDraft: moduleIsDraft, tree: tree, offline: offline)
            var hasher = Hasher()
            hasher.combine(load.path)
            hasher.combine(load.item?.id)
            hasher.combine(load.item != nil && load.isDraft)
            load.identityHash = hasher.finalize()
            cache?.store(load, stamp: tree.stamps[path], moduleID: moduleID, moduleIsDraft: moduleIsDraft)
            return load
        }
        for (index, load) in zip(missing, parsed) { loads[index] = load }
        return loads.map { $0! }
    }
}

/// What loading one lesson or quiz file produced. A class, so the load cache and each load share one
/// copy: copying the struct's dozen references per file on every load was most of a preview rebuild.
/// Filled in by the function that parses the file and never changed after it returns (hence Sendable).
final class ItemLoad: @unchecked Sendable {
    var item: Module.Item?
    var path: String
    var isDraft: Bool
    var idLocation: SourceLocation
    /// Anchors of the file's headings (lessons only), for checking `file.md#anchor` links.
    var anchors: [String] {
        didSet { anchorsHash = anchors.hashValue }
    }
    /// Made once per parse: cached link checks compare it to tell whether the anchors they read changed.
    var anchorsHash = [String]().hashValue
    /// Hash of the path, id and draft state, made once per parse: what other files' link checks depend on.
    var identityHash = 0
    var diagnostics: [Diagnostic]
    var references: [PendingReference]

    init(item: Module.Item?, path: String, isDraft: Bool, idLocation: SourceLocation, anchors: [String], diagnostics: [Diagnostic],
         references: [PendingReference]) {
        self.item = item
        self.path = path
        self.isDraft = isDraft
        self.idLocation = idLocation
        self.anchors = anchors
        self.diagnostics = diagnostics
        self.references = references
    }
}

extension ItemLoad {
    var isMediaLesson: Bool {
        if case .lesson(let lesson) = item { return lesson.kind != .text }
        return false
    }
}

extension Module.Item {
    var isDraft: Bool {
        switch self {
        case .lesson(let lesson): lesson.isDraft
        case .quiz(let quiz): quiz.isDraft
        case .assignment(let assignment): assignment.isDraft
        }
    }
}
