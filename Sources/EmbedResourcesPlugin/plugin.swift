import Foundation
import PackagePlugin

/// Compiles `Templates/` and `Themes/` into the target that uses it, so the installed `lectern`
/// binary carries its default templates and themes and needs no files beside it.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["Templates", "Themes"].map { root.appendingPathComponent($0) }
        var inputs: [URL] = []
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let file as URL in enumerator where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                if !file.lastPathComponent.hasPrefix(".") { inputs.append(file) }
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) template and theme files",
            executable: try context.tool(named: "embed-resources").url,
            arguments: [output.path, root.path] + inputs.map(\.path).sorted(),
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }
}
