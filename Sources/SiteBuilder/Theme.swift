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
    /// The dark colour scheme, loaded after `stylesheets` for screens whose system prefers dark
    /// (`darkStylesheets` in theme.json). The page's dark-mode switch turns them on or off for good.
    public var darkStylesheets: [String] = []
    /// Scripts that must run before the page is drawn, loaded without `defer` (`headScripts`): the
    /// remembered colour scheme, so a page never flashes in the other one.
    public var headScripts: [String] = []
    /// Scripts only pages of one kind load, after `scripts` (`pageScripts` in theme.json: `quiz`, `search`…).
    public var pageScripts: [String: [String]]
    /// Scripts that need `lectern serve`, by page kind (`*` for every page; `serverScripts` in theme.json):
    /// lectern.js loads them only when the server answers, and SCORM packages do not carry them.
    public var serverScripts: [String: [String]]
    public var serverOnlyAssets: Set<String> { Set(serverScripts.values.joined()) }
    /// Assets copied into SCORM packages only (`packageOnly` in theme.json).
    public var packageOnlyAssets: Set<String>
    /// Scripts that only some pages at the site root load, by page (`rootPageScripts` in theme.json): the
    /// dashboards' charts. They load after the server's scripts, and are copied to the site root only.
    public var rootPageScripts: [String: [String]]
    public var rootOnlyAssets: Set<String> { Set(rootPageScripts.values.joined()) }
    /// Assets only `lectern serve`'s SCORM origin serves (`scormOrigin` in theme.json): the runtime of hosted
    /// packages. Copied into no site and no package.
    public var scormOriginAssets: Set<String> = []
    /// UI strings by language tag, each a flat table (`quiz.submit` → `Submit`).
    public var strings: [String: [String: String]]

    /// The scripts a page of `kind` loads itself, in order.
    public func scripts(for kind: String) -> [String] {
        scripts + (pageScripts[kind] ?? [])
    }

    /// The server's scripts a page of `kind` loads when `lectern serve` answers, in order.
    public func serverScripts(for kind: String) -> [String] {
        (serverScripts["*"] ?? []) + (serverScripts[kind] ?? []) + (rootPageScripts[kind] ?? [])
    }

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
