import ArgumentParser
import LabModel
import LabStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate the database; with --seed, import a lab file into it.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "A lab file to import (e.g. seed/homelab.yaml).")
    var seed: String?

    func run() throws {
        let db = try global.open()
        print("database: \(db.path)")
        if let seed {
            let lab = try LabFileParser.load(path: seed)
            let plan = try LabImporter(database: db).apply(lab)
            print("seeded from \(seed): \(plan.summary)")
        }
    }
}

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, or list them with --status.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List the migrations and when each was applied.")
    var status = false

    func run() throws {
        if status {
            let db = try Database(path: global.databasePath, readOnly: false)
            let rows = try Migrator().status(of: db).map { entry -> [Cell] in
                [.text(entry.name), .text(entry.appliedAt == nil ? "pending" : "applied"), entry.appliedAt.map(Cell.text) ?? .null, .text(entry.checksum)]
            }
            print(global.render(ResultTable(columns: ["migration", "state", "applied_at", "checksum"], rows: rows)), terminator: "")
        } else {
            let db = try Database(path: global.databasePath)
            let applied = try Migrator().migrate(db)
            print(applied.isEmpty ? "up to date" : "applied: \(applied.joined(separator: ", "))")
        }
    }
}
