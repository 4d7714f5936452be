import Foundation
@testable import LabModel
import LabStore
import Testing

/// Migration 0013 makes the history's `related` index partial (only rows with a related
/// name) and adds the operation to the change-set index, which costs every write less. The
/// history must come through unchanged, `labdb history NAME` must still find a name through
/// both name indexes, and the lookups by change set must still use an index, not a scan.
@Suite("History: the cheaper history indexes")
struct HistoryIndexTests {
    static let migration = "0013_history_cheaper_indexes"

    @Test("an older database keeps its history, row for row, and the index keeps its name")
    func historyIsKept() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryIndexTests.migration, scratch)
        let before = try HistoryMigrationTests.Snapshot(db)
        #expect(before.rows.contains { $0[6] == .null })
        #expect(before.aboutGitlab.isEmpty == false && before.aboutAddress.isEmpty == false)

        #expect(try Migrator().migrate(db) == [HistoryIndexTests.migration])
        #expect(try HistoryMigrationTests.Snapshot(db) == before)
        let related = try db.scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'changes_related'")?.string
        #expect(related?.hasSuffix("WHERE related IS NOT NULL") == true)
        let set = try db.query("PRAGMA index_info(changes_set)").compactMap { $0.string("name") }
        #expect(set == ["change_set_id", "operation"])
    }

    @Test("the lookups by change set (closing it, its deletes, the foreign key's) use the change-set index")
    func changeSetLookupsUseTheIndex() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryIndexTests.migration, scratch)
        try Migrator().migrate(db)
        for query in ["SELECT 1 FROM changes WHERE change_set_id = ? AND operation = 'delete'", "SELECT id FROM changes WHERE change_set_id = ?"] {
            let plan = try db.query("EXPLAIN QUERY PLAN " + query, [.integer(1)]).compactMap { $0.string("detail") }
            #expect(plan.contains { $0.contains("INDEX changes_set") }, "\(query): \(plan)")
        }
    }

    @Test("closing a change set still drops a delete and insert of the same row, and an empty set")
    func closingStillDropsNoise() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryIndexTests.migration, scratch)
        try Migrator().migrate(db)
        let revision = try #require(try ChangeHistory(database: db).revision())
        let sets = try db.scalar("SELECT count(*) FROM change_sets")?.int
        db.changeContext = ChangeContext(user: "tester", command: "labdb retag gitlab")
        try db.transaction {
            let machine = "(SELECT id FROM machines WHERE name = 'gitlab')"
            let tags = try db.query("SELECT tag FROM machine_tags WHERE machine_id = \(machine)").compactMap { $0.string("tag") }
            #expect(!tags.isEmpty)
            try db.execute("DELETE FROM machine_tags WHERE machine_id = \(machine)")
            for tag in tags { try db.execute("INSERT INTO machine_tags(machine_id, tag) VALUES (\(machine), ?)", [.text(tag)]) }
        }
        #expect(try ChangeHistory(database: db).revision() == revision)
        #expect(try db.scalar("SELECT count(*) FROM change_sets")?.int == sets)
    }

    @Test("a lookup by name uses the object and the related index, for one stored form and several")
    func lookupsUseBothIndexes() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryIndexTests.migration, scratch)
        try Migrator().migrate(db)
        for keys in [1, 3] {
            let names = Array(repeating: SQLValue.text("gitlab"), count: 2 * keys) + [.integer(50)]
            let plan = try db.query("EXPLAIN QUERY PLAN " + ChangeHistory.entriesQuery(keys: keys), names).compactMap { $0.string("detail") }
            #expect(plan.contains { $0.contains("USING INDEX changes_object") }, "\(plan)")
            #expect(plan.contains { $0.contains("USING INDEX changes_related") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN c") }, "\(plan)")
        }
    }

    @Test("after the migration, writes are recorded with their related names and found by them")
    func recordingContinues() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryIndexTests.migration, scratch)
        try Migrator().migrate(db)
        let host = try #require(try db.scalar("SELECT h.name FROM machines m JOIN machines h ON h.id = m.host_id WHERE m.name = 'gitlab'")?.string)
        db.changeContext = ChangeContext(user: "tester", command: "labdb set vms gitlab cpus = 8")
        try db.transaction { try db.execute("UPDATE machines SET cpus = 8 WHERE name = 'gitlab'") }

        let aboutHost = try ChangeHistory(database: db).entries(about: host.uppercased(), limit: 5)
        #expect(aboutHost.first?.object == "gitlab" && aboutHost.first?.command == "labdb set vms gitlab cpus = 8")
        #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
    }
}
