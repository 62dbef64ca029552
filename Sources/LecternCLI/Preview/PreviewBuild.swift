import CourseModel
import Foundation
import SiteBuilder

/// The preview's site, kept in memory with the courses it was built from, and brought up to date after
/// each change: an edit inside lessons or quizzes re-renders only their pages and the search files they
/// touch (`CoursePages`); anything else (a title, course.yaml, a new file, a theme file) builds the
/// whole site again with the render cache. Either way the folder ends up as a full build writes it.
final class PreviewBuild {
    let folders: [String]
    let options: SiteOptions
    let includeDrafts: Bool
    let siteFolder: URL
    /// One per course folder: paths in a load cache are relative to its course.
    private let loadCaches: [LoadCache]
    private var site: BuiltSite?
    /// The courses `site` was built from, and their pages ready for single-item updates.
    private var built: [(course: Course, pages: CoursePages)] = []
    /// What changed since `site` was last brought up to date: builds that fail (the course has errors)
    /// leave their changes here for the next one.
    private var pending = WatchedChange()

    /// What a build did, for the line the preview prints.
    enum Outcome {
        case built(files: Int, incremental: Bool, loadSeconds: Double, renderSeconds: Double, writeSeconds: Double)
        case failed(diagnostics: String, count: Int)
        case crashed(String)
    }

    init(folders: [String], options: SiteOptions, includeDrafts: Bool, siteFolder: URL) {
        self.folders = folders
        self.options = options
        self.includeDrafts = includeDrafts
        self.siteFolder = siteFolder
        loadCaches = folders.map { _ in LoadCache() }
    }

    /// Loads the courses again (files not in `change` come from the load cache) and updates the site folder.
    /// - Parameter change: what the watcher saw; nil for the first build.
    /// - Returns: the outcome, and the diagnostics to print (warnings too).
    func build(after change: WatchedChange?) -> (Outcome, DiagnosticReport) {
        let started = Date()
        var report = DiagnosticReport()
        var sources: [CourseSource] = []
        for (number, folder) in folders.enumerated() {
            let url = URL(fileURLWithPath: folder)
            var loadOptions = LoadOptions(includeDrafts: includeDrafts, cache: loadCaches[number])
            if let change {
                let changed = Set(change.paths.compactMap { relative($0, to: url.standardizedFileURL.path) })
                // A file rewritten within the file system's clock tick keeps its size and time: forget what the watcher saw change.
                loadCaches[number].forget(Array(changed))
                // What the watcher saw is all that changed, unless events were lost or folders came or went.
                if !change.everything { loadOptions.changedFiles = changed }
            }
            do {
                let result = try Loader.load(url, options: loadOptions)
                report.add(result.diagnostics, courseFolder: folder)
                sources.append(CourseSource(course: result.course, folder: url.standardizedFileURL))
            } catch {
                report.diagnostics.append(Diagnostic(.error, error.message, at: SourceLocation(path: folder)))
            }
        }
        let loaded = Date()
        if let change {
            pending.paths.formUnion(change.paths)
            pending.everything = pending.everything || change.everything
        }
        guard report.errors == 0 else {
            let text = report.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
            return (.failed(diagnostics: text, count: report.errors), report)
        }
        do {
            var files = 0
            var incremental = false
            var rendered = Date()
            let change = pending
            pending = WatchedChange()
            if !change.everything, change.paths.allSatisfy({ $0.hasSuffix(".md") || $0.hasSuffix(".quiz.yaml") }),
               let updates = itemUpdates(sources, changed: change.paths) {
                rendered = Date()
                files = try write(updates)
                incremental = true
            } else {
                let new = try SiteBuilder.build(sources, options: options)
                rendered = Date()
                if let site {
                    files = new.files.filter { site.files[$0.key] != $0.value }.count
                    try new.writeChanges(to: siteFolder, since: site)
                    // A media file edited in place is the same `.copy` as before, so `writeChanges` keeps the old copy.
                    let edited = Set(change.paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
                    var recopied = BuiltSite()
                    for (path, contents) in new.files {
                        if case .copy(let source) = contents, edited.contains(source.standardizedFileURL.path) { recopied.files[path] = contents }
                    }
                    try recopied.writeFiles(into: siteFolder)
                    files += recopied.files.count
                } else {
                    files = new.files.count
                    try new.writeFiles(into: siteFolder)
                }
                site = new
                built = try sources.map { ($0.course, try CoursePages($0, options: options)) }
            }
            let now = Date()
            return (.built(files: files, incremental: incremental, loadSeconds: loaded.timeIntervalSince(started),
                           renderSeconds: rendered.timeIntervalSince(loaded), writeSeconds: now.timeIntervalSince(rendered)), report)
        } catch {
            // A failed write leaves the folder unknown: the next build starts over.
            site = nil
            built = []
            return (.crashed("\(error)"), report)
        }
    }

    /// The files that change when only lessons' and quizzes' insides changed, course by course; nil when
    /// more than that changed (or nothing was built yet).
    private func itemUpdates(_ sources: [CourseSource], changed paths: Set<String>) -> [String: Data?]? {
        guard site != nil, sources.count == built.count else { return nil }
        var plans: [(Int, [Module.Item])] = []
        for (number, source) in sources.enumerated() {
            let inCourse = Set(paths.compactMap { relative($0, to: source.folder.path) })
            guard let items = CourseOutline.changedItems(at: inCourse, from: built[number].course, to: source.course) else { return nil }
            plans.append((number, items))
        }
        var files: [String: Data?] = [:]
        for (number, items) in plans where !items.isEmpty {
            guard let changed = built[number].pages.update(items, in: sources[number].course) else { return nil }
            for (path, data) in changed { files[built[number].pages.slug + "/" + path] = data }
            built[number].course = sources[number].course
        }
        return files
    }

    /// Writes changed files and removes gone ones; returns how many changed.
    private func write(_ updates: [String: Data?]) throws -> Int {
        var changed = BuiltSite()
        var removed: [String] = []
        for (path, data) in updates {
            if let data {
                guard site?.files[path] != .data(data) else { continue }
                changed.files[path] = .data(data)
                site?.files[path] = .data(data)
            } else if site?.files[path] != nil {
                removed.append(path)
                site?.files[path] = nil
            }
        }
        try changed.writeFiles(into: siteFolder)
        for path in removed { try? FileManager.default.removeItem(at: siteFolder.appendingPathComponent(path)) }
        return changed.files.count + removed.count
    }

    private func relative(_ path: String, to folder: String) -> String? {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.hasPrefix(folder + "/") ? String(standard.dropFirst(folder.count + 1)) : nil
    }
}
