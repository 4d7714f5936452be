// Build tool: writes a Swift file holding the given SQL migration files.
// Usage: embed-migrations OUTPUT.swift FILE.sql...
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-migrations OUTPUT FILE...\n".utf8))
    exit(2)
}
var swift = "// Generated from migrations/*.sql by the EmbedMigrations plugin. Do not edit.\n"
swift += "let embeddedMigrationFiles: [(name: String, sql: String)] = [\n"
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let sql = try String(contentsOf: url, encoding: .utf8)
    // A raw string whose delimiter cannot occur in the SQL.
    var hashes = "#"
    while sql.contains("\"" + hashes) { hashes += "#" }
    let name = url.deletingPathExtension().lastPathComponent
    swift += "    (\(hashes)\"\(name)\"\(hashes), \(hashes)\"\"\"\n\(sql)\n\"\"\"\(hashes)),\n"
}
swift += "]\n"
try swift.write(toFile: output, atomically: true, encoding: .utf8)
