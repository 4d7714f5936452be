import LabTestSupport
import Foundation
import LabModel
import LabStore

/// The repository's own files, found from this source file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seed = root.appendingPathComponent("seed/homelab.yaml").path
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}

/// A temporary database with the schema applied.
struct TestDatabase {
    let folder: TemporaryFolder
    let db: Database

    init() throws {
        folder = try TemporaryFolder()
        db = try LabDatabase.open(path: folder.file("lab.db"))
    }

    /// A temporary database holding the seed lab.
    static func seeded() throws -> TestDatabase {
        let test = try TestDatabase()
        try LabImporter(database: test.db).apply(try LabFileParser.load(path: Repository.seed))
        return test
    }

    /// Every row of every table, as text: equal before and after means nothing changed.
    func fingerprint() throws -> [String] {
        var rows: [String] = []
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").compactMap { $0.string("name") }
        for table in tables {
            // Table names come from sqlite_master, not from user input.
            for row in try db.query("SELECT * FROM \"\(table)\" ORDER BY 1, 2") {
                rows.append(table + ":" + row.values.map(\.description).joined(separator: "|"))
            }
        }
        return rows
    }
}
