import Foundation

extension Loader {
    /// Checks the links and file paths of course.yaml (`courseFile`), every lesson and quiz, and the module
    /// files (`other`), in that order. A file's result is reused from `cache` while the file, the course's
    /// files, ids and drafts, and the anchors it links to are unchanged: an edit is checked in
    /// milliseconds however large the course.
    /// - Returns: the course-relative media files referenced by the included content, sorted.
    static func checkReferences(courseFile: [PendingReference], loads: [ItemLoad], other: [PendingReference], index: ItemIndex,
                                tree: CourseTree, includeDrafts: Bool, cache: LoadCache?, log: DiagnosticLog) -> [String] {
        var media = Set(checkReferences(courseFile, index: index, tree: tree, includeDrafts: includeDrafts, log: log))
        var hasher = Hasher()
        hasher.combine(includeDrafts)
        // Ids, drafts and lesson files as `index` holds them, from hashes made when each file was parsed.
        for load in loads { hasher.combine(load.identityHash) }
        hasher.combine(tree.fingerprint)
        let key = hasher.finalize()
        for load in loads where !load.references.isEmpty {
            let stamp = tree.stamps[load.path]
            if let cached = cache?.referenceCheck(load.path, stamp: stamp), cached.key == key,
               cached.anchors.allSatisfy({ (index.anchorsHashByPath[$0.key] ?? 0) == $0.value }) {
                log.append(contentsOf: cached.diagnostics)
                media.formUnion(cached.media)
                continue
            }
            let fileLog = DiagnosticLog()
            let found = checkReferences(load.references, index: index, tree: tree, includeDrafts: includeDrafts, log: fileLog)
            var anchors: [String: Int] = [:]
            for path in fileLog.anchorPathsRead { anchors[path] = index.anchorsHashByPath[path] ?? 0 }
            cache?.storeReferenceCheck(LoadCache.ReferenceCheck(key: key, anchors: anchors, diagnostics: fileLog.diagnostics, media: found),
                                       path: load.path, stamp: stamp)
            log.append(contentsOf: fileLog.diagnostics)
            media.formUnion(found)
        }
        media.formUnion(checkReferences(other, index: index, tree: tree, includeDrafts: includeDrafts, log: log))
        return media.sorted()
    }

    /// Checks every link and file path; reports broken ones.
    /// - Returns: the course-relative media files referenced by the included content, sorted.
    static func checkReferences(_ references: [PendingReference], index: ItemIndex, tree: CourseTree,
                                includeDrafts: Bool, log: DiagnosticLog) -> [String] {
        var media: Set<String> = []
        for reference in references {
            let destination = reference.destination
            if reference.kind == .image && reference.text.allSatisfy(\.isWhitespace) {
                log.warning("image '\(destination)' has no alt text", at: reference.location,
                            hint: "describe it between the brackets, e.g. ![A padlock on a laptop](\(destination)); use ![](…) only for decoration you mark as such in the text")
            }
            if destination.hasPrefix("data:") { continue }
            if hasFileScheme(destination) {
                // A file of the author's computer: it exists nowhere the course is published or packaged.
                log.error("path '\(destination)' is a local file outside the course folder", at: reference.location,
                          hint: "copy the file into the course folder and use a relative path to it")
                continue
            }
            if CoursePath.isExternal(destination) {
                if reference.kind == .image {
                    log.warning("image '\(destination)' is on the web and will not show on an offline kiosk", at: reference.location,
                                hint: "download it into the course folder and link to the copy")
                }
                continue
            }
            let (pathPart, fragment) = splitFragment(destination)
            if pathPart.isEmpty {
                if let fragment, reference.kind == .link { checkAnchor(fragment, in: reference.source, reference: reference, index: index, log: log) }
                continue
            }
            let decoded = pathPart.percentDecoded
            guard case .inside(let path) = CoursePath.resolve(decoded, from: reference.base) else {
                log.error("path '\(destination)' points outside the course folder", at: reference.location,
                          hint: "copy the file into the course folder so it ships with the course")
                continue
            }
            if reference.kind == .link && (path.hasSuffix(".md") || path.hasSuffix(".quiz.yaml")) {
                checkItemLink(path, fragment: fragment, reference: reference, index: index, tree: tree, log: log)
                continue
            }
            guard tree.files.contains(path) else {
                reportMissingFile(path, reference: reference, tree: tree, log: log)
                continue
            }
            if includeDrafts || !reference.isDraft { media.insert(path) }
        }
        return media.sorted()
    }

    static func checkItemLink(_ path: String, fragment: String?, reference: PendingReference, index: ItemIndex,
                              tree: CourseTree, log: DiagnosticLog) {
        guard index.idsByPath[path] != nil else {
            if index.itemPaths.contains(path) { return }
            if tree.files.contains(path) {
                log.error("link target '\(reference.destination)' is not a lesson or quiz of this course", at: reference.location,
                          hint: "lessons and quizzes live in numbered module folders such as '01-basics/'")
            } else {
                let suggestion = DidYouMean.suggestion(for: path, in: Array(index.idsByPath.keys))
                log.error("link target '\(reference.destination)' does not exist", at: reference.location,
                          hint: suggestion.map { "did you mean '\(relative($0, from: reference.base))'?" })
            }
            return
        }
        if index.draftPaths.contains(path) && !reference.isDraft {
            log.warning("link target '\(reference.destination)' is a draft, so the link is broken in published builds",
                        at: reference.location)
        }
        if let fragment { checkAnchor(fragment, in: path, reference: reference, index: index, log: log) }
    }

    static func checkAnchor(_ anchor: String, in path: String, reference: PendingReference, index: ItemIndex, log: DiagnosticLog) {
        log.anchorPathsRead.insert(path)
        guard let list = index.anchorsByPath[path], !path.hasSuffix(".quiz.yaml") else { return }
        let anchors = Set(list)
        let decoded = anchor.percentDecoded
        guard !anchors.contains(decoded) else { return }
        let suggestion = DidYouMean.suggestion(for: decoded, in: Array(anchors))
        log.warning("'\(path)' has no heading with anchor '#\(decoded)'", at: reference.location,
                    hint: suggestion.map { "did you mean '#\($0)'?" } ?? "anchors are heading texts in lowercase with hyphens: '## For loops' → '#for-loops'")
    }

    static func reportMissingFile(_ path: String, reference: PendingReference, tree: CourseTree, log: DiagnosticLog) {
        let what: String
        switch reference.kind {
        case .image: what = "image"
        case .link: what = "link target"
        case .file(let field): what = field == "file" ? "file" : "\(field) file"
        }
        var hint: String?
        if let real = tree.file(matchingCaseInsensitively: path) {
            hint = "did you mean '\(relative(real, from: reference.base))'? File names are case-sensitive on web servers"
        } else if tree.folders.contains(path) {
            hint = "that is a folder; link to a file inside it"
        }
        log.error("\(what) '\(reference.destination)' does not exist", at: reference.location, hint: hint)
    }

    /// Reports ids used twice: lessons and quizzes share one id space per course, modules another.
    static func checkUniqueIDs(moduleIDs: [(id: String, location: SourceLocation)], loads: [ItemLoad], log: DiagnosticLog) {
        checkUnique(moduleIDs, what: "module", log: log)
        let itemIDs = loads.compactMap { load in load.item.map { ($0.id, load.idLocation) } }
        checkUnique(itemIDs, what: "lesson or quiz", log: log)
    }

    static func checkUnique(_ ids: [(String, SourceLocation)], what: String, log: DiagnosticLog) {
        var first: [String: SourceLocation] = [:]
        for (id, location) in ids {
            if let earlier = first[id] {
                log.error("duplicate \(what) id '\(id)', already used at \(earlier)", at: location,
                          hint: "set a different 'id:' on one of them")
            } else {
                first[id] = location
            }
        }
    }

    /// Fills in quiz pass marks from the mastery score and flags completion rules that cannot work.
    static func checkCompletionRule(_ course: inout Course, index: ItemIndex, log: DiagnosticLog) {
        for moduleIndex in course.modules.indices {
            for itemIndex in course.modules[moduleIndex].items.indices {
                guard case .quiz(var quiz) = course.modules[moduleIndex].items[itemIndex], quiz.passScore < 0 else { continue }
                quiz.passScore = course.completion.masteryScore
                course.modules[moduleIndex].items[itemIndex] = .quiz(quiz)
            }
        }
        let hasQuizFiles = index.itemPaths.contains { $0.hasSuffix(".quiz.yaml") }
        // A course.yaml that could not be read leaves the default rule: one mistake, one diagnostic.
        let courseFileBroken = log.diagnostics.contains { $0.severity == .error && $0.location.path == "course.yaml" }
        if course.completion.require != .lessons && !hasQuizFiles && !course.modules.isEmpty && !courseFileBroken {
            log.warning("completion requires passing quizzes but the course has none", at: SourceLocation(path: "course.yaml"),
                        hint: "use 'completion: {require: lessons}' or add a quiz")
        }
    }

    /// `file:` in any case, compared on bytes: lowercasing every destination showed in `lectern check` profiles.
    static func hasFileScheme(_ destination: String) -> Bool {
        let head = Array(destination.utf8.prefix(5))
        return head.count == 5 && head[4] == UInt8(ascii: ":") && head[..<4].map { $0 | 0x20 }.elementsEqual("file".utf8)
    }

    /// `page.md#part` → ("page.md", "part"); a query is dropped.
    static func splitFragment(_ destination: String) -> (path: String, fragment: String?) {
        var path = Substring(destination)
        var fragment: String?
        // In ASCII text every byte is a Character, so the bytes give the Character search's answer, faster.
        if destination.utf8.allSatisfy({ $0 < 0x80 }) {
            if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(path[path.utf8.index(after: hash)...])
                path = path[..<hash]
            }
            if let question = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<question] }
            return (String(path), fragment)
        }
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if let question = path.firstIndex(of: "?") { path = path[..<question] }
        return (String(path), fragment)
    }

    /// A course-relative path written relative to `base`, for hints.
    static func relative(_ path: String, from base: String) -> String {
        guard !base.isEmpty else { return path }
        let from = base.split(separator: "/"), to = path.split(separator: "/")
        let common = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)).joined(separator: "/")
    }
}
