import Foundation

/// Files that look meant as lessons, quizzes or modules but that the course format does not pick up.
/// Without a word they would simply be missing from the site, which an author finds out much later.
extension Loader {
    /// Notes and licences a course repository commonly keeps at its root: never lessons, never reported.
    static let repositoryDocuments: Set<String> = ["readme", "license", "licence", "changelog", "contributing",
                                                   "code_of_conduct", "authors", "notes", "todo"]

    static func reportStrayFiles(_ tree: CourseTree, modules: [ModuleLayout], log: DiagnosticLog) {
        let moduleFolders = Set(modules.map(\.path))
        for file in tree.files.sorted() {
            let folder = CoursePath.folder(of: file)
            let name = String(file.split(separator: "/").last ?? "")
            if moduleFolders.contains(folder) {
                if let (why, renamed) = misnamedItem(name) {
                    log.warning("'\(name)' is left out of the course: \(why)", at: SourceLocation(path: file),
                                hint: "rename it to '\(renamed)'")
                }
            } else if folder.isEmpty, isItemLike(name) {
                let stem = name.split(separator: ".").first.map { String($0).lowercased() } ?? ""
                guard !repositoryDocuments.contains(stem) else { continue }
                let target = modules.first.map { "'\($0.path)/'" } ?? "a module folder such as '01-basics/'"
                log.warning("'\(name)' at the course root is left out of the course: lessons and quizzes live in module folders",
                            at: SourceLocation(path: file), hint: "move it into \(target); keep notes for authors in README.md")
            }
        }
        reportSharedNumbers(modules.map(\.path), what: "modules", in: "the course", log: log)
        for module in modules {
            reportSharedNumbers(module.itemPaths, what: "items", in: "'\(module.path)'", log: log)
        }
    }

    /// Why a file in a module folder is not read as a lesson or quiz, and the name that would be.
    static func misnamedItem(_ name: String) -> (why: String, renamed: String)? {
        let lower = name.lowercased()
        func replacing(_ count: Int, with suffix: String) -> String { String(name.dropLast(count)) + suffix }
        if name.hasSuffix(".md") || name.hasSuffix(".quiz.yaml") || name == "module.yaml" { return nil }
        for ending in [".quiz.yml", ".quiz.yaml"] where lower.hasSuffix(ending) {
            return ("quiz files end in '.quiz.yaml', in lower case", replacing(ending.count, with: ".quiz.yaml"))
        }
        if lower == "module.yml" { return ("a module's settings are read from 'module.yaml'", "module.yaml") }
        for ending in [".yaml", ".yml"] where lower.hasSuffix(ending) {
            return ("quiz files end in '.quiz.yaml'", replacing(ending.count, with: ".quiz.yaml"))
        }
        for ending in [".md", ".markdown", ".mdown", ".mkd", ".mkdn"] where lower.hasSuffix(ending) {
            return ("lessons end in '.md', in lower case", replacing(ending.count, with: ".md"))
        }
        return nil
    }

    static func isItemLike(_ name: String) -> Bool {
        let lower = name.lowercased()
        return [".md", ".markdown", ".mdown", ".quiz.yaml", ".quiz.yml"].contains { lower.hasSuffix($0) }
    }

    /// Two modules (or two items of a module) with the same number are ordered by name: say so, once per number.
    static func reportSharedNumbers(_ paths: [String], what: String, in place: String, log: DiagnosticLog) {
        var byNumber: [Int: [String]] = [:]
        for path in paths {
            let name = String(path.split(separator: "/").last ?? "")
            if let order = Identifier.splitPrefix(name).order { byNumber[order, default: []].append(path) }
        }
        for (_, shared) in byNumber.sorted(by: { $0.key < $1.key }) where shared.count > 1 {
            let names = shared.map { "'\($0.split(separator: "/").last ?? "")'" }
            let number = shared[0].split(separator: "/").last?.prefix { $0.isNumber } ?? ""
            log.warning("\(what) \(names.joined(separator: " and ")) in \(place) share the number \(number), so their order comes from their names",
                        at: SourceLocation(path: shared[1]), hint: "give each its own number, e.g. renumber '\(shared[1].split(separator: "/").last ?? "")'")
        }
    }
}
