import Foundation
import Templating

/// Templates, assets and UI strings a site is rendered with, after layering: the built-in
/// `Templates/`, the theme and its parents from `Themes/`, then a course's own `theme/` folder.
public struct Theme: Sendable {
    public var name: String
    /// Parsed templates by name (`lesson`, `partials/header`).
    public var templates: TemplateLibrary
    /// Asset files by name (`lectern.css`), before content hashing.
    public var assets: [String: Data]
    /// Stylesheets and scripts every page loads, in order.
    public var stylesheets: [String]
    public var scripts: [String]
    /// Assets copied into SCORM packages only (`packageOnly` in theme.json).
    public var packageOnlyAssets: Set<String>
    /// Scripts that only some pages at the site root load, by page (`rootPageScripts` in theme.json): the
    /// dashboards' charts. They are copied to the site root only, not into courses or packages.
    public var rootPageScripts: [String: [String]]
    public var rootOnlyAssets: Set<String> { Set(rootPageScripts.values.joined()) }
    /// UI strings by language tag, each a flat table (`quiz.submit` → `Submit`).
    public var strings: [String: [String: String]]

    /// The strings for a course language: the most specific table (`pt-BR`, then `pt`) over English.
    public func strings(for language: String) -> UIStrings {
        var table = strings["en"] ?? [:]
        let primary = String(language.split(separator: "-").first ?? "")
        var found = language.lowercased().hasPrefix("en")
        for tag in [primary, language] where tag != "en" {
            if let overrides = strings[tag] {
                table.merge(overrides) { $1 }
                found = true
            }
        }
        return UIStrings(table: table, language: language, hasTable: found)
    }
}

/// A theme that cannot be used: unknown name, unreadable file or broken template.
public struct ThemeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
