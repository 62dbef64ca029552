import Foundation

/// highlight.js and KaTeX from Debian, compiled into the binary, copied into a course only when one of
/// its pages has code or math, and loaded only by those pages.
struct VendorAssets: Sendable {
    /// Names pages use in their asset lists → output paths (relative to the course folder).
    let paths: [String: String]
    /// Output path → contents, for the files of each library.
    let highlightFiles: [String: Data]
    let katexFiles: [String: Data]

    static let highlightScript = "vendor:highlight.js"
    static let katexStylesheet = "vendor:katex.css"
    static let katexScript = "vendor:katex.js"

    static let shared = VendorAssets()

    private init() {
        let files = ThemeFiles.embedded.under("Vendor")
        var paths: [String: String] = [:]
        var highlight: [String: Data] = [:]
        if let script = files["highlight.js/highlight.min.js"] {
            let path = "assets/" + CourseRenderer.hashedName("highlight.min.js", data: script)
            paths[Self.highlightScript] = path
            highlight[path] = script
        }
        // KaTeX's stylesheet finds its fonts at fonts/… next to it: the folder carries the hash instead.
        var katex: [String: Data] = [:]
        let katexSources = files.filter { $0.key.hasPrefix("katex/") }
        let hash = ContentHash.hex(katexSources.sorted { $0.key < $1.key }.flatMap { Array($0.value) })
        for (key, data) in katexSources {
            katex["assets/katex-\(hash.prefix(12))/" + key.dropFirst("katex/".count)] = data
        }
        paths[Self.katexStylesheet] = "assets/katex-\(hash.prefix(12))/katex.min.css"
        paths[Self.katexScript] = "assets/katex-\(hash.prefix(12))/katex.min.js"
        self.paths = paths
        highlightFiles = highlight
        katexFiles = katex
    }
}

/// What a page needs beyond its theme's stylesheets and scripts.
struct PageFeatures: OptionSet, Sendable {
    let rawValue: Int
    static let code = PageFeatures(rawValue: 1)
    static let math = PageFeatures(rawValue: 2)

    init(rawValue: Int) { self.rawValue = rawValue }

    init(_ rendered: [(hasCode: Bool, hasMath: Bool)]) {
        var features: PageFeatures = []
        if rendered.contains(where: \.hasCode) { features.insert(.code) }
        if rendered.contains(where: \.hasMath) { features.insert(.math) }
        self = features
    }

    /// The features rendered HTML (or JSON holding it) shows a need for.
    init(html texts: [String]) {
        var features: PageFeatures = []
        for text in texts {
            if text.contains("code-block") { features.insert(.code) }
            if text.contains("math math-") { features.insert(.math) }
        }
        self = features
    }

    /// Stylesheets and scripts for these features, after the theme's own for a page of `kind` (`code.js`
    /// needs highlight.js first).
    func assets(theme: Theme, kind: String) -> (stylesheets: [String], scripts: [String]) {
        var stylesheets = theme.stylesheets, scripts = theme.scripts(for: kind)
        if contains(.code) { scripts += [VendorAssets.highlightScript, "code.js"] }
        if contains(.math) {
            stylesheets.append(VendorAssets.katexStylesheet)
            scripts += [VendorAssets.katexScript, "math.js"]
        }
        return (stylesheets, scripts)
    }
}
