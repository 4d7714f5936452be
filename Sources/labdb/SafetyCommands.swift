import ArgumentParser
import Foundation
import LabIP
import LabModel
import LabStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the recorded changes: who, when, which command, the object, before → after.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only changes about this object: a machine, cluster, pool, range, zone or DNS name, an address or a CIDR.")
    var object: String?

    @Option(name: .long, help: "At most this many changes, newest first.")
    var limit = 50

    func run() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let db = try global.openReadOnly()
        let table = try ChangeHistory(database: db).table(about: object, limit: limit, detailed: global.format.value != .table)
        if table.rows.isEmpty, let object {
            throw CommandFailure("no recorded change about \(object); check the name, or run `labdb history` to see all changes")
        }
        print(global.render(table), terminator: "")
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent online copy of the database (SQLite's backup API), safe while others write.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The backup file to write (replaced atomically when it exists).")
    var file: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: global.databasePath) else {
            throw CommandFailure("no database at \(global.databasePath) to back up; check --db or $LABDB_DB")
        }
        let db = try LabDatabase.openFile(readingOnly: global.databasePath)
        let summary = try LabBackup.backup(db, to: file)
        print("backed up \(global.databasePath) to \(summary.file): \(summary.pages) pages, \(ByteSize(bytes: summary.bytes)), schema \(summary.schema)")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup, after checking the backup's integrity and version.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file made by `labdb backup`.")
    var file: String

    @Flag(name: .long, help: "Really replace the database (required).")
    var yes = false

    func run() throws {
        let summary = try LabBackup.restore(from: file, into: global.databasePath, confirmed: yes)
        if let saved = summary.savedPrevious { print("saved the previous database as \(saved)") }
        print("restored \(global.databasePath) from \(summary.file): \(summary.pages) pages, schema \(summary.schema)")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database (SQLite integrity, foreign keys) and the lab's rules; exit 1 on errors.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let db = try global.openReadOnly()
        let findings = try ConsistencyCheck(database: db).run()
        let errors = findings.filter { $0.severity == .error }.count
        if findings.isEmpty, global.format.value == .table {
            print("ok: no problems found")
        } else {
            print(global.render(ConsistencyCheck.table(findings)), terminator: "")
        }
        if errors > 0 {
            throw CommandFailure("check found \(errors) error\(errors == 1 ? "" : "s") and \(findings.count - errors) warning\(findings.count - errors == 1 ? "" : "s")")
        }
    }
}
