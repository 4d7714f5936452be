// Build tool: writes a Swift file holding the given SQL migration files.
// Usage: embed-migrations OUTPUT.swift FILE.sql...
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-migrations OUTPUT FILE...\n".utf8))
    exit(2)
}
var swift = "// Generated from migrations/*.sql by the EmbedMigrations plugin. Do not edit.\n"
swift += "let embeddedMigrationFiles: [(name: String, sql: String, checksum: String)] = [\n"

/// Migration.fingerprint of LabStore (FNV-1a, 64 bits, of the UTF-8 bytes), computed here
/// once at build time; MigratorTests checks that both agree for every bundled migration.
func fingerprint(_ sql: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in sql.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
}

for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let sql = try String(contentsOf: url, encoding: .utf8)
    // A raw string whose delimiter cannot occur in the SQL.
    var hashes = "#"
    while sql.contains("\"" + hashes) { hashes += "#" }
    let name = url.deletingPathExtension().lastPathComponent
    swift += "    (\(hashes)\"\(name)\"\(hashes), \(hashes)\"\"\"\n\(sql)\n\"\"\"\(hashes), \"\(fingerprint(sql))\"),\n"
}
swift += "]\n"
try swift.write(toFile: output, atomically: true, encoding: .utf8)
