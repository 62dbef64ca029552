import CourseModel
import Foundation

/// Where each page and file of a course goes in the built site, relative to the course folder
/// (`<slug>/`): `index.html`, `<module>/index.html`, `<module>/<item>.html`, `media/<course path>`.
/// Names come from stable ids, so reordering lessons keeps their URLs.
struct SitePaths: Sendable {
    /// Output path of every lesson and quiz page by id.
    private(set) var items: [String: String] = [:]
    /// Output path of every module page by id.
    private(set) var modules: [String: String] = [:]

    /// Folder names the builder uses itself, which a module id must not take.
    static let reservedFolders: Set<String> = ["assets", "media", "search"]

    init(_ course: Course) {
        for module in course.modules {
            let folder = Self.reservedFolders.contains(module.id) ? module.id + "-module" : module.id
            modules[module.id] = folder + "/index.html"
            var used: Set<String> = ["index"]
            for item in module.items {
                // `basics.intro` in module `basics` → `basics/intro.html`; an author id is used whole.
                var name = item.id.hasPrefix(module.id + ".") ? String(item.id.dropFirst(module.id.count + 1)) : item.id
                if used.contains(name) { name = item.id }
                used.insert(name)
                items[item.id] = "\(folder)/\(name).html"
            }
        }
    }

    static let home = "index.html"
    static let search = "search.html"

    /// Where a course file is copied: `media/` plus its course-relative path.
    static func media(_ coursePath: String) -> String { "media/" + coursePath }

    /// The relative prefix from a page to the folder its path is relative to: `a/b.html` → `../`.
    static func prefix(from page: String) -> String {
        String(repeating: "../", count: page.split(separator: "/").count - 1)
    }

    /// The shortest href from `page` to `target`, both relative to the same folder, path characters escaped:
    /// `basics/a.html` → `basics/b.html` is `b.html`, → `media/x.png` is `../media/x.png`.
    static func href(from page: String, to target: String) -> String {
        let from = page.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        let common = zip(from, to.dropLast()).prefix { $0 == $1 }.count
        let ups = String(repeating: "../", count: from.count - common)
        return ups + escaped(to.dropFirst(common).joined(separator: "/"))
    }

    /// Percent-escapes what may not appear in a URL path (spaces, `#`, `?`, non-ASCII), keeping `/`.
    static func escaped(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
