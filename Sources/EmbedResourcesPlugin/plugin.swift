import Foundation
import PackagePlugin

/// Compiles data files into the target that uses it, so the installed `lectern` binary carries them and
/// needs no files beside it: for SiteBuilder, `Templates/`, `Themes/` and the highlight.js and KaTeX files
/// of Debian's libjs-highlight.js and libjs-katex packages; for Server, `docs/openapi.yaml`; for any other
/// target, its `Schemas/` folder.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    /// Debian's copies of the browser libraries themes load on pages with code or math.
    static let vendor: [(key: String, path: String)] = [
        ("Vendor/highlight.js/highlight.min.js", "/usr/share/javascript/highlight.js/highlight.min.js"),
        ("Vendor/katex/katex.min.js", "/usr/share/javascript/katex/katex.min.js"),
        ("Vendor/katex/katex.min.css", "/usr/share/javascript/katex/katex.min.css"),
    ]
    static let katexFonts = "/usr/share/fonts/truetype/katex"

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var files: [(key: String, url: URL)] = []
        if target.name == "SiteBuilder" {
            for folder in ["Templates", "Themes"] {
                files += Self.files(under: root.appendingPathComponent(folder), keyPrefix: folder + "/")
            }
            for (key, path) in Self.vendor {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw PluginError("\(path) is missing: install libjs-highlight.js and libjs-katex (scripts/deps)")
                }
                files.append((key, URL(fileURLWithPath: path)))
            }
            files += Self.files(under: URL(fileURLWithPath: Self.katexFonts), keyPrefix: "Vendor/katex/fonts/")
                .filter { $0.key.hasSuffix(".woff2") }
        } else if target.name == "Server" {
            // The API description it serves at /api/v1/openapi.json: the same file the docs and tests use.
            files.append(("openapi.yaml", root.appendingPathComponent("docs/openapi.yaml")))
        } else {
            files += Self.files(under: root.appendingPathComponent("Sources/\(target.name)/Schemas"), keyPrefix: "")
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) files into \(target.name)",
            executable: try context.tool(named: "embed-resources").url,
            arguments: [output.path] + files.map { "\($0.key)=\($0.url.resolvingSymlinksInPath().path)" },
            inputFiles: files.map(\.url),
            outputFiles: [output]
        )]
    }

    /// Regular, non-hidden files under a folder, keyed by `keyPrefix` + their relative path.
    static func files(under folder: URL, keyPrefix: String) -> [(key: String, url: URL)] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(key: String, url: URL)] = []
        let base = folder.standardizedFileURL.path + "/"
        for case let file as URL in enumerator where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = file.standardizedFileURL.path
            guard path.hasPrefix(base), !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            files.append((keyPrefix + String(path.dropFirst(base.count)), file))
        }
        return files.sorted { $0.key < $1.key }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
