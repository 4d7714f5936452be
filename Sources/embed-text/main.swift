// Build tool: writes a Swift file holding a text file as a string constant.
// Usage: embed-text OUTPUT.swift NAME FILE
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-text OUTPUT NAME FILE\n".utf8))
    exit(2)
}
let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
// A raw string whose delimiter cannot occur in the text.
var hashes = "#"
while text.contains("\"" + hashes) { hashes += "#" }
let swift = """
    // Generated from \(URL(fileURLWithPath: arguments[2]).lastPathComponent) by a build plugin. Do not edit.
    let \(arguments[1]) = \(hashes)\"\"\"
    \(text)
    \"\"\"\(hashes)

    """
try swift.write(toFile: arguments[0], atomically: true, encoding: .utf8)
