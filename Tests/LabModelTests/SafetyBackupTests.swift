import Foundation
import LabModel
import LabStore
import Testing

@Suite("Safety: backup and restore")
struct SafetyBackupTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("a backup is a self-contained, checked copy that restores to the same lab")
    func backupAndRestore() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let original = try Lab(database: db)
        let summary = try LabBackup.backup(db, to: scratch.path("copy.db"))
        #expect(summary.pages > 0)
        #expect(summary.schema == Migration.bundled.last?.name)
        // One file: no WAL needed to read it.
        #expect(!FileManager.default.fileExists(atPath: scratch.path("copy.db-wal")))
        #expect(try Database(path: scratch.path("copy.db"), readOnly: true).scalar("PRAGMA journal_mode")?.string == "delete")

        try db.execute("DELETE FROM records")
        let summaryRestore = try LabBackup.restore(from: scratch.path("copy.db"), into: scratch.path("lab.db"), confirmed: true,
                                                   context: ChangeContext(user: "restorer", command: "labdb restore copy.db --yes"))
        #expect(summaryRestore.savedPrevious != nil)
        let reopened = try LabDatabase.open(path: scratch.path("lab.db"))
        #expect(try Lab(database: reopened) == original)
        // The connection that was open during the restore sees the restored content too.
        #expect(try db.scalar("SELECT count(*) FROM records")?.int == Int64(original.records.count))
        // The restore is the newest entry of the restored history, naming the file and the saved copy.
        let top = try #require(try ChangeHistory(database: reopened).entries(limit: 1).first)
        #expect(top.user == "restorer" && top.command == "labdb restore copy.db --yes" && top.table == "database")
        #expect(top.after?.contains("restored from \(scratch.path("copy.db"))") == true)
        #expect(top.before?.contains("saved as \(try #require(summaryRestore.savedPrevious))") == true)
        #expect(try ChangeHistory(database: reopened).entries(limit: 1000).filter { $0.table == "database" }.count == 1)
        #expect(try Lab(database: reopened) == original, "recording the restore touches no inventory row")
        // The database as it was before the restore was kept.
        let saved = try Database(path: try #require(summaryRestore.savedPrevious), readOnly: true)
        #expect(try saved.scalar("SELECT count(*) FROM records")?.int == 0)
    }

    @Test("a backup removes the temporary files of earlier backups that were killed, and only those")
    func abandonedTemporaries() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        // A process that has ended: its pid names no process now.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let alive = getppid()
        let files = [".copy.db.backup-\(dead)", ".copy.db.backup-\(dead)-journal", ".copy.db.backup-\(alive)", ".copy.db.other", ".lab.db.backup-\(dead)"]
        for file in files { #expect(FileManager.default.createFile(atPath: scratch.path(file), contents: Data("partial".utf8))) }

        try LabBackup.backup(db, to: scratch.path("copy.db"))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: scratch.folder).filter { $0.hasPrefix(".") })
        #expect(left == [".copy.db.backup-\(alive)", ".copy.db.other", ".lab.db.backup-\(dead)"],
                "the dead backup's files go; a running one's, unrelated files and other targets' stay")
        #expect(try Lab(database: LabDatabase.open(path: scratch.path("copy.db"), create: false, readOnly: true)) == Lab(database: db))
    }

    @Test("a backup onto the database itself, or a restore from it, is refused")
    func sameFileRefused() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let before = try Lab(database: db)
        #expect(throws: BackupError.sameFile(path: scratch.path("lab.db"))) { try LabBackup.backup(db, to: scratch.path("lab.db")) }
        #expect(throws: BackupError.sameFile(path: scratch.path("./lab.db"))) {
            try LabBackup.restore(from: scratch.path("./lab.db"), into: scratch.path("lab.db"), confirmed: true)
        }
        #expect(try Lab(database: db) == before)
    }

    @Test("restore without confirmation changes nothing")
    func restoreNeedsConfirmation() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        try LabBackup.backup(db, to: scratch.path("copy.db"))
        try db.execute("DELETE FROM records")
        #expect(throws: BackupError.confirmationNeeded(path: scratch.path("copy.db"), database: scratch.path("lab.db"))) {
            try LabBackup.restore(from: scratch.path("copy.db"), into: scratch.path("lab.db"), confirmed: false)
        }
        #expect(try db.scalar("SELECT count(*) FROM records")?.int == 0)
    }

    @Test("a file from a newer labdb, a foreign SQLite file, garbage and a damaged copy are refused untouched")
    func refusedFiles() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let liveBefore = try Lab(database: db)

        try LabBackup.backup(db, to: scratch.path("newer.db"))
        let newer = try Database(path: scratch.path("newer.db"))
        try newer.execute("INSERT INTO schema_migrations(name, checksum, applied_at) VALUES ('9999_from_the_future', 'x', 'now')")
        try newer.execute("PRAGMA journal_mode = DELETE")

        let foreign = try Database(path: scratch.path("foreign.db"))
        try foreign.execute("CREATE TABLE notes(text TEXT)")
        try foreign.execute("PRAGMA journal_mode = DELETE")

        try Data("this is not a database, just text\n".utf8).write(to: URL(fileURLWithPath: scratch.path("garbage.db")))

        // A damaged copy: overwrite a page in the middle of a good backup.
        try LabBackup.backup(db, to: scratch.path("damaged.db"))
        var damaged = try bytes(scratch.path("damaged.db"))
        let page = 4096
        #expect(damaged.count > 6 * page)
        for offset in (3 * page)..<(3 * page + 3000) { damaged[offset] = 0xA5 }
        try damaged.write(to: URL(fileURLWithPath: scratch.path("damaged.db")))

        let cases: [(String, (BackupError) -> Bool)] = [
            ("newer.db", { if case .newerLabdb = $0 { return true } else { return false } }),
            ("foreign.db", { if case .notLabdb = $0 { return true } else { return false } }),
            ("garbage.db", { if case .notSQLite = $0 { return true } else { return false } }),
            ("damaged.db", { if case .damaged = $0 { return true } else { return false } }),
            ("missing.db", { if case .unreadable = $0 { return true } else { return false } }),
        ]
        for (name, matches) in cases {
            let path = scratch.path(name)
            let before = try? bytes(path)
            do {
                try LabBackup.restore(from: path, into: scratch.path("lab.db"), confirmed: true)
                Issue.record("\(name) was restored")
            } catch let error as BackupError {
                #expect(matches(error), "\(name): \(error)")
                #expect(error.description.contains(path), "\(name): the message names the file")
            }
            let after = try? bytes(path)
            #expect(after == before, "\(name) was modified")
        }
        #expect(try Lab(database: db) == liveBefore)
        // No backup of the live database was left behind by refused restores.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.folder).filter { $0.contains("before-restore") }
        #expect(leftovers.isEmpty)
    }

    @Test("an older backup is migrated after the restore")
    func olderBackupIsMigrated() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let old = try Database(path: scratch.path("old.db"))
        let first = try #require(Migration.bundled.first)
        try Migrator(migrations: [first]).migrate(old)
        try old.execute("PRAGMA journal_mode = DELETE")
        let summary = try LabBackup.restore(from: scratch.path("old.db"), into: scratch.path("lab.db"), confirmed: true)
        #expect(summary.schema == Migration.bundled.last?.name)
        #expect(try Migrator().pending(in: db).isEmpty)
        #expect(try db.scalar("SELECT count(*) FROM machines")?.int == 0)
    }
}
