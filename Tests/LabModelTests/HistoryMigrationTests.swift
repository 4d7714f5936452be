import Foundation
import LabModel
import LabStore
import Testing

/// Migration 0012 rebuilds the `changes` table (and recreates the history triggers) so that
/// recording a row costs less. A database that an older labdb wrote must come through it
/// with its history exactly as it was, and keep recording every write afterwards.
@Suite("History: migrating to the cheaper history table")
struct HistoryMigrationTests {
    static let rebuild = "0012_history_cheaper_writes"

    /// A database at the schema just before the rebuild, seeded by labdb, then changed by
    /// labdb (an update and a delete) and by raw SQL outside labdb (no change set).
    static func databaseBeforeRebuild(_ scratch: SafetyScratch) throws -> Database {
        try database(before: rebuild, scratch)
    }

    /// Like ``databaseBeforeRebuild(_:)``, at the schema just before `migration`.
    static func database(before migration: String, _ scratch: SafetyScratch) throws -> Database {
        let db = try Database(path: scratch.path("old.db"))
        try Migrator(migrations: Migration.bundled.filter { $0.name < migration }).migrate(db)
        db.changeContext = ChangeContext(user: "tester", command: "labdb init --seed seed/homelab.yaml")
        try LabImporter(database: db).apply(try SafetyScratch.seedLab())
        db.changeContext = ChangeContext(user: "tester", command: "labdb set vms gitlab cpus = 6")
        try db.transaction { try db.execute("UPDATE machines SET cpus = 6 WHERE name = 'gitlab'") }
        db.changeContext = ChangeContext(user: "tester", command: "labdb delete disks vault")
        try db.transaction { try db.execute("DELETE FROM disks WHERE machine_id = (SELECT id FROM machines WHERE name = 'vault')") }
        db.changeContext = nil
        try db.execute("UPDATE machines SET description = 'edited by hand' WHERE name = 'minio'")
        return db
    }

    /// Everything a reader can get out of the history: every stored row, the entries and
    /// tables that `labdb history [NAME]` and the pages show, and the revision.
    struct Snapshot: Equatable {
        var rows: [[SQLValue]]
        var entries: [ChangeEntry]
        var table: ResultTable
        var aboutGitlab: [ChangeEntry]
        var aboutAddress: [ChangeEntry]
        var revision: Int64?

        init(_ db: Database) throws {
            rows = try db.query("SELECT id, change_set_id, at, table_name, operation, object, related, before, after FROM changes ORDER BY id")
                .map { row in (0..<9).map { row[$0] } }
            let history = ChangeHistory(database: db)
            entries = try history.entries(limit: 100_000)
            table = try history.table(limit: 100_000, detailed: true)
            aboutGitlab = try history.entries(about: "GITLAB", limit: 100)
            // An address is asked for as text (192.168.…) and stored as family:HEX.
            let address = try #require(entries.last { $0.table == "addresses" }?.object)
            aboutAddress = try history.entries(about: address, limit: 100)
            revision = try history.revision()
        }
    }

    static func triggers(_ db: Database) throws -> [String: String] {
        var triggers: [String: String] = [:]
        for row in try db.query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            triggers[row.string("name") ?? ""] = row.string("sql")
        }
        return triggers
    }

    @Test("an older database keeps its history, row for row, and the same triggers")
    func historyIsKept() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.databaseBeforeRebuild(scratch)
        let before = try Snapshot(db)
        let triggersBefore = try HistoryMigrationTests.triggers(db)
        #expect(before.rows.count > 100)
        #expect(before.entries.contains { $0.operation == "update" && $0.changeSet != nil })
        #expect(before.entries.contains { $0.operation == "delete" })
        #expect(before.entries.contains { $0.changeSet == nil && $0.object == "minio" })
        #expect(before.aboutAddress.isEmpty == false)

        #expect(try Migrator().migrate(db).contains(HistoryMigrationTests.rebuild))
        #expect(try Snapshot(db) == before)
        #expect(try HistoryMigrationTests.triggers(db) == triggersBefore)
    }

    @Test("after the rebuild every write is still recorded, and a bad operation is still refused")
    func recordingContinues() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.databaseBeforeRebuild(scratch)
        try Migrator().migrate(db)
        let revision = try #require(try ChangeHistory(database: db).revision())

        db.changeContext = ChangeContext(user: "tester", command: "labdb set vms gitlab cpus = 8")
        try db.transaction { try db.execute("UPDATE machines SET cpus = 8 WHERE name = 'gitlab'") }
        db.changeContext = nil
        try db.execute("UPDATE machines SET description = 'edited again' WHERE name = 'minio'")

        let added = try ChangeHistory(database: db).entries(limit: 100).filter { $0.id > revision }
        #expect(added.contains { $0.table == "machines" && $0.operation == "update" && $0.command == "labdb set vms gitlab cpus = 8" })
        #expect(added.contains { $0.table == "machines" && $0.operation == "update" && $0.object == "minio" && $0.changeSet == nil
                                 && $0.after?.contains("edited again") == true })
        #expect(throws: StoreError.self) {
            try db.execute("INSERT INTO changes(table_name, operation, object) VALUES ('machines', 'upsert', 'gitlab')")
        }
    }

    @Test("a change whose change set was deleted behind labdb's back keeps its row, without the set")
    func orphanedChangeKeepsItsRow() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.databaseBeforeRebuild(scratch)
        // The sqlite3 shell runs with foreign keys off: a change set deleted there leaves its changes.
        try db.execute("PRAGMA foreign_keys = OFF")
        let set = try #require(try db.scalar("SELECT change_set_id FROM changes WHERE object = 'gitlab' AND operation = 'update'")?.int)
        try db.execute("DELETE FROM change_sets WHERE id = ?", [.integer(set)])
        try db.execute("PRAGMA foreign_keys = ON")
        let before = try ChangeHistory(database: db).entries(about: "gitlab", limit: 1).first
        let count = try db.scalar("SELECT count(*) FROM changes")?.int

        try Migrator().migrate(db)
        let after = try ChangeHistory(database: db).entries(about: "gitlab", limit: 1).first
        #expect(before?.changeSet == set)
        #expect(after?.changeSet == nil)
        #expect(after?.id == before?.id && after?.user == nil && after?.at == before?.at && after?.after == before?.after)
        #expect(try db.scalar("SELECT count(*) FROM changes")?.int == count)
    }
}
