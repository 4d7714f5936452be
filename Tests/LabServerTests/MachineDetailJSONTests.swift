import Foundation
@testable import LabServer
import LabModel
import LabTestSupport
import Testing

/// The machine document is written by LabExport's JSON writer instead of Foundation's
/// `JSONEncoder`; clients must not see a difference.
@Suite("the machine document matches what JSONEncoder wrote")
struct MachineDetailJSONTests {
    /// What the route answered before: sorted, snake_case keys, slashes unescaped, a final newline.
    static func encoded(_ detail: MachineDetail) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return Array(try encoder.encode(detail)) + [0x0A]
    }

    @Test("every machine of the seed lab, byte for byte")
    func seedLabBytes() throws {
        let folder = try TemporaryFolder()
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        try LabImporter(database: db).apply(try LabFileParser(file: "homelab.yaml").parse(String(contentsOfFile: ServeProcess.seed, encoding: .utf8)))
        let names = try db.query("SELECT name FROM machines ORDER BY name").compactMap { $0.string("name") }
        #expect(names.count > 10)
        for name in names {
            let detail = try #require(try MachineDetail(database: db, name: name))
            #expect(detail.jsonBytes == (try Self.encoded(detail)), "\(name)")
        }
    }

    @Test("free text with quotes, backslashes, slashes, newlines and non-ASCII, and absent fields")
    func awkwardText() throws {
        let folder = try TemporaryFolder()
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        try LabImporter(database: db).apply(try LabFileParser(file: "lab.yaml").parse("""
            prefixes:
              - cidr: 10.0.0.0/24
            hosts:
              - name: odd
                kind: server
                description: "say \\"hi\\" \\\\ to a/b\\n\\tand ünïcødé ✓"
                attributes: {rack: "r/1 \\"top\\"", owner: "Zoë"}
                tags: [a, b]
                addresses: [{ip: 10.0.0.5, description: "line one\\nline two"}]
              - name: bare
                kind: server
            """))
        for name in ["odd", "bare"] {
            let detail = try #require(try MachineDetail(database: db, name: name))
            #expect(detail.jsonBytes == (try Self.encoded(detail)), "\(name): \(String(decoding: detail.jsonBytes, as: UTF8.self))")
        }
    }
}
