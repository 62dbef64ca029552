import CourseModel
import Foundation
import Templating

/// Where theme files come from: the files compiled into the binary, or a folder on disk.
/// Paths are relative to the repository layout: `Templates/…`, `Themes/<name>/…`.
struct ThemeFiles {
    var files: [String: Data]

    /// The `Templates/` and `Themes/` folders compiled into the binary.
    static let embedded = ThemeFiles(files: EmbeddedResources.base64.compactMapValues { Data(base64Encoded: $0) })

    /// The files of a folder, keyed by path relative to it with `prefix` in front.
    static func folder(_ url: URL, prefix: String) -> ThemeFiles {
        var files: [String: Data] = [:]
        for entry in FileWalk.entries(under: url.path) where !entry.isDirectory {
            if let data = FileManager.default.contents(atPath: url.appendingPathComponent(entry.path).path) {
                files[prefix + entry.path] = data
            }
        }
        return ThemeFiles(files: files)
    }

    /// Files under `folder/`, keyed by the rest of their path.
    func under(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for (path, data) in files where path.hasPrefix(folder + "/") {
            result[String(path.dropFirst(folder.count + 1))] = data
        }
        return result
    }
}

/// What `theme.json` declares.
private struct ThemeManifest: Decodable {
    var extends: String?
    var stylesheets: [String]?
    var darkStylesheets: [String]?
    var headScripts: [String]?
    var scripts: [String]?
    /// Assets only SCORM packages need (the SCO runtime): left out of static sites.
    var packageOnly: [String]?
    /// Assets only `lectern serve`'s SCORM origin serves (the runtime hosted packages talk to): in no site or package.
    var scormOrigin: [String]?
    /// Page template → scripts only that page at the site root loads.
    var rootPageScripts: [String: [String]]?
    var pageScripts: [String: [String]]?
    var serverScripts: [String: [String]]?
}

extension Theme {
    /// Loads a theme by name from the built-in themes, or from a folder when `nameOrPath` contains a `/`.
    /// - Parameter courseOverrides: a course's `theme/` folder, whose `templates/`, `assets/` and `strings/`
    ///   replace the theme's files of the same name.
    public static func load(_ nameOrPath: String, courseOverrides: URL? = nil) throws(ThemeError) -> Theme {
        var source = ThemeFiles.embedded
        var name = nameOrPath
        if nameOrPath.contains("/") {
            let url = URL(fileURLWithPath: nameOrPath).standardizedFileURL
            name = url.lastPathComponent
            source.files.merge(ThemeFiles.folder(url, prefix: "Themes/\(name)/").files) { $1 }
        }
        var chain: [String] = []
        var manifest: ThemeManifest?
        var current: String? = name
        while let themeName = current {
            guard !chain.contains(themeName) else { throw ThemeError("theme '\(themeName)' extends itself") }
            guard let data = source.files["Themes/\(themeName)/theme.json"] else {
                let known = Set(source.files.keys.compactMap { $0.hasPrefix("Themes/") ? $0.split(separator: "/")[1] : nil })
                throw ThemeError("unknown theme '\(themeName)'; known themes: \(known.sorted().joined(separator: ", "))")
            }
            let declared: ThemeManifest
            do {
                declared = try JSONDecoder().decode(ThemeManifest.self, from: data)
            } catch {
                throw ThemeError("Themes/\(themeName)/theme.json is not a valid theme manifest: \(error)")
            }
            // A key the theme leaves out comes from the nearest parent that sets it.
            manifest = ThemeManifest(extends: nil, stylesheets: manifest?.stylesheets ?? declared.stylesheets,
                                     darkStylesheets: manifest?.darkStylesheets ?? declared.darkStylesheets,
                                     headScripts: manifest?.headScripts ?? declared.headScripts,
                                     scripts: manifest?.scripts ?? declared.scripts, packageOnly: manifest?.packageOnly ?? declared.packageOnly,
                                     scormOrigin: manifest?.scormOrigin ?? declared.scormOrigin,
                                     rootPageScripts: manifest?.rootPageScripts ?? declared.rootPageScripts,
                                     pageScripts: manifest?.pageScripts ?? declared.pageScripts,
                                     serverScripts: manifest?.serverScripts ?? declared.serverScripts)
            chain.append(themeName)
            current = declared.extends
        }

        // Later layers win: built-in templates, then themes from the most basic parent to the theme, then the course.
        var templateSources: [String: Data] = source.under("Templates")
        var assets: [String: Data] = [:]
        var stringFiles: [String: Data] = [:]
        var layers = chain.reversed().map { source.under("Themes/\($0)") }
        if let courseOverrides, FileManager.default.fileExists(atPath: courseOverrides.path) {
            layers.append(ThemeFiles.folder(courseOverrides, prefix: "").files)
        }
        for layer in layers {
            for (path, data) in layer {
                if path.hasPrefix("templates/") { templateSources[String(path.dropFirst("templates/".count))] = data }
                if path.hasPrefix("assets/") { assets[String(path.dropFirst("assets/".count))] = data }
                if path.hasPrefix("strings/") { stringFiles[String(path.dropFirst("strings/".count))] = data }
            }
        }
        var theme = Theme(name: name, templates: try parseTemplates(templateSources), assets: assets,
                     stylesheets: manifest?.stylesheets ?? [], scripts: manifest?.scripts ?? [],
                     darkStylesheets: manifest?.darkStylesheets ?? [], headScripts: manifest?.headScripts ?? [],
                     pageScripts: manifest?.pageScripts ?? [:], serverScripts: manifest?.serverScripts ?? [:],
                     packageOnlyAssets: Set(manifest?.packageOnly ?? []), rootPageScripts: manifest?.rootPageScripts ?? [:],
                     strings: try parseStrings(stringFiles))
        theme.scormOriginAssets = Set(manifest?.scormOrigin ?? [])
        return theme
    }

    private static func parseTemplates(_ files: [String: Data]) throws(ThemeError) -> TemplateLibrary {
        var sources: [String: String] = [:]
        for (path, data) in files where path.hasSuffix(".mustache") {
            sources[String(path.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
        }
        do {
            return try TemplateCache.library(sources)
        } catch {
            throw ThemeError("template \(error.templateName ?? "?").mustache:\(error.line):\(error.column): \(error.message)")
        }
    }

    private static func parseStrings(_ files: [String: Data]) throws(ThemeError) -> [String: [String: String]] {
        var tables: [String: [String: String]] = [:]
        for (path, data) in files where path.hasSuffix(".json") {
            // JSONSerialization, not JSONDecoder: two thirds of the time on these tables, which every start reads.
            guard let table = (try? JSONSerialization.jsonObject(with: data)) as? [String: String] else {
                throw ThemeError("strings/\(path) must be a JSON object of text values")
            }
            tables[String(path.dropLast(".json".count)), default: [:]].merge(table) { $1 }
        }
        return tables
    }
}
