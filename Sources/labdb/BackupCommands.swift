import ArgumentParser
import Foundation
import LabIP
import LabModel
import LabStore

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
        let context = ChangeContext.commandLine(["labdb"] + CommandLine.arguments.dropFirst(), environment: ProcessInfo.processInfo.environment)
        let summary = try LabBackup.restore(from: file, into: global.databasePath, confirmed: yes, context: context)
        if let saved = summary.savedPrevious { print("saved the previous database as \(saved)") }
        print("restored \(global.databasePath) from \(summary.file): \(summary.pages) pages, schema \(summary.schema)")
    }
}
