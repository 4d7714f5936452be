import ArgumentParser
import Foundation
import LabIP
import LabModel
import LabReplica
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
        abstract: "Replace the database with a backup or the Litestream replica, after checking its integrity, version and rules.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A file made by `labdb backup` (or --from-replica).")
    var file: String?

    @Flag(name: .long, help: "Really replace the database (required).")
    var yes = false

    @OptionGroup var replica: ReplicaRestoreOptions

    func validate() throws { try replica.validate(file: file) }

    func run() throws {
        let context = ChangeContext.commandLine(["labdb"] + CommandLine.arguments.dropFirst(), environment: ProcessInfo.processInfo.environment)
        guard let file else { return try replica.restore(into: global.databasePath, confirmed: yes, context: context) }
        let replicator = LitestreamMetadata(databasePath: global.databasePath).replicatingProcess().map { "Litestream (pid \($0))" }
        let summary = try LabBackup.restore(from: file, into: global.databasePath, confirmed: yes, context: context, replicator: replicator)
        if let saved = summary.savedPrevious { print("saved the previous database as \(saved)") }
        print("restored \(global.databasePath) from \(summary.file): \(summary.pages) pages, schema \(summary.schema)")
    }
}
