import Foundation
import PackagePlugin

/// Compiles data folders into the target that uses it, so the installed `lectern` binary carries its
/// templates, themes and schemas and needs no files beside it: `Templates/` and `Themes/` for
/// SiteBuilder, the target's own `Schemas/` folder for any other target.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let targetFolder = root.appendingPathComponent("Sources/\(target.name)")
        let folders = target.name == "SiteBuilder"
            ? ["Templates", "Themes"].map { root.appendingPathComponent($0) }
            : [targetFolder.appendingPathComponent("Schemas")]
        var inputs: [URL] = []
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let file as URL in enumerator where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                if !file.lastPathComponent.hasPrefix(".") { inputs.append(file) }
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) files into \(target.name)",
            executable: try context.tool(named: "embed-resources").url,
            arguments: [output.path, (target.name == "SiteBuilder" ? root : targetFolder.appendingPathComponent("Schemas")).path] + inputs.map(\.path).sorted(),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
