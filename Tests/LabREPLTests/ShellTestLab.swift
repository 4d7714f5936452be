import LabOperations
import Foundation
import LabModel
import LabREPL
import LabStore

/// The seed lab imported into a fresh database in a unique temporary folder.
struct ShellTestLab {
    /// The package root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// seed/homelab.yaml
    static var seedPath: String { root.appendingPathComponent("seed/homelab.yaml").path }
    /// The debug build of labdb (the test command builds it first).
    static var binary: String { root.appendingPathComponent(".build/debug/labdb").path }

    let folder: URL
    let databasePath: String
    let database: Database

    /// Creates the folder and the database, and imports the seed lab.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        databasePath = folder.appendingPathComponent("lab.db").path
        database = try LabDatabase.open(path: databasePath)
        _ = try LabImporter(database: database).apply(try LabFileParser.load(path: ShellTestLab.seedPath))
    }

    /// An executor on the database.
    func executor() throws -> QueryExecutor {
        try QueryExecutor(database: database)
    }

    /// Runs `input` through a shell as a script that keeps going after errors, echoing
    /// prompts and lines; returns everything printed, results and errors interleaved.
    func transcript(of input: String) throws -> String {
        var text = ""
        let shell = Shell(executor: try executor(), sink: Shell.Sink(output: { text += $0 }, errors: { text += $0 }))
        _ = shell.run(TextLineReader(input), interactive: false, continueOnError: true, echo: true)
        return text
    }

    /// The schema as SQLite records it.
    func schema() throws -> [String] {
        try database.query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY name").compactMap { $0[0].string }
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
