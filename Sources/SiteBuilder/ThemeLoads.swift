import Foundation

/// Themes loaded for the courses of one build: courses without overrides of their own (a `theme/`
/// folder) share the theme they name, loaded once. A catalog of 50 courses loaded the same theme 50
/// times, one after another, before any page was rendered.
struct ThemeLoads {
    private var shared: [String: Theme] = [:]

    /// The theme `name` (a built-in name or a folder) as the course in `courseFolder` sees it; without a
    /// course, as the catalog sees it.
    mutating func load(_ name: String, for courseFolder: URL? = nil) throws(ThemeError) -> Theme {
        let overrides = courseFolder?.appendingPathComponent("theme")
        if let overrides, FileManager.default.fileExists(atPath: overrides.path) { return try Theme.load(name, courseOverrides: overrides) }
        if let loaded = shared[name] { return loaded }
        let theme = try Theme.load(name)
        shared[name] = theme
        return theme
    }
}
