import Foundation
import PackagePlugin

/// Compiles `docs/openapi.json` into the LabServer module: the document the server serves
/// at /api/v1/openapi.json is the one in docs/, byte for byte.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "docs/openapi.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPI.swift")
        return [
            .buildCommand(
                displayName: "Embedding docs/openapi.json",
                executable: try context.tool(named: "embed-text").url,
                arguments: [output.path, "embeddedOpenAPIDocument", input.path],
                inputFiles: [input],
                outputFiles: [output]
            ),
        ]
    }
}
