import Foundation
import Synchronization

/// Results of loading lesson and quiz files, kept between loads of the same course so that only
/// changed files are parsed again: how `lectern preview` rebuilds a 2,000-lesson course in a blink.
public final class LoadCache: Sendable {
    private struct Entry {
        var stamp: FileWalk.Entry
        var moduleID: String
        var moduleIsDraft: Bool
        var load: ItemLoad
        /// What checking the file's links found, while the load above is current.
        var references: ReferenceCheck?
    }

    /// The result of checking one file's links and media paths, valid while the course's files, ids and
    /// drafts hash to `key` and the files it links to into anchors keep their anchors.
    struct ReferenceCheck {
        var key: Int
        /// Path → hash of its anchors, for each file whose anchors the check read.
        var anchors: [String: Int]
        var diagnostics: [Diagnostic]
        var media: [String]
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Module folders found in the course's listing, and the listing's diagnostics, by the listing's fingerprint.
    private let lastTree = Mutex<CourseTree?>(nil)
    private let listing = Mutex<(key: Int, layouts: [ModuleLayout], diagnostics: [Diagnostic])?>(nil)

    public init() {}

    /// The earlier result for a file, if the file and what its ids derive from are unchanged.
    func load(_ path: String, stamp: FileWalk.Entry?, moduleID: String, moduleIsDraft: Bool) -> ItemLoad? {
        guard let stamp else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[path], entry.stamp == stamp, entry.moduleID == moduleID,
                  entry.moduleIsDraft == moduleIsDraft else { return nil }
            return entry.load
        }
    }

    func store(_ load: ItemLoad, stamp: FileWalk.Entry?, moduleID: String, moduleIsDraft: Bool) {
        guard let stamp else { return }
        entries.withLock { $0[load.path] = Entry(stamp: stamp, moduleID: moduleID, moduleIsDraft: moduleIsDraft, load: load) }
    }

    /// Drops the results of these course-relative paths, so the next load reads them again even when
    /// their size and modification time look unchanged (two writes within one tick of the file system's clock).
    public func forget(_ paths: [String]) {
        entries.withLock { entries in for path in paths { entries[path] = nil } }
    }

    func referenceCheck(_ path: String, stamp: FileWalk.Entry?) -> ReferenceCheck? {
        guard let stamp else { return nil }
        return entries.withLock { entries in entries[path].flatMap { $0.stamp == stamp ? $0.references : nil } }
    }

    func storeReferenceCheck(_ check: ReferenceCheck, path: String, stamp: FileWalk.Entry?) {
        guard let stamp else { return }
        entries.withLock { entries in
            if entries[path]?.stamp == stamp { entries[path]?.references = check }
        }
    }

    func layouts(for key: Int) -> (layouts: [ModuleLayout], diagnostics: [Diagnostic])? {
        listing.withLock { $0.flatMap { $0.key == key ? ($0.layouts, $0.diagnostics) : nil } }
    }

    func storeLayouts(_ layouts: [ModuleLayout], diagnostics: [Diagnostic], for key: Int) {
        listing.withLock { $0 = (key, layouts, diagnostics) }
    }

    /// The tree of the last load of the course at `root`.
    func tree(_ root: URL) -> CourseTree? {
        lastTree.withLock { $0?.root == root ? $0 : nil }
    }

    func storeTree(_ tree: CourseTree) {
        lastTree.withLock { $0 = tree }
    }
}
