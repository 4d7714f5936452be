import Foundation
@testable import LabModel
import LabStore
import Testing

/// Migration 0013 makes the history's `related` index partial (only rows with a related
/// name), which costs every write less. The history must come through unchanged, and
/// `labdb history NAME` must still find a name through both indexes, not by a scan.
@Suite("History: the partial index on related names")
struct HistoryRelatedIndexTests {
    static let migration = "0013_history_related_partial_index"

    @Test("an older database keeps its history, row for row, and the index keeps its name")
    func historyIsKept() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryRelatedIndexTests.migration, scratch)
        let before = try HistoryMigrationTests.Snapshot(db)
        #expect(before.rows.contains { $0[6] == .null })
        #expect(before.aboutGitlab.isEmpty == false && before.aboutAddress.isEmpty == false)

        #expect(try Migrator().migrate(db) == [HistoryRelatedIndexTests.migration])
        #expect(try HistoryMigrationTests.Snapshot(db) == before)
        let index = try db.scalar("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'changes_related'")?.string
        #expect(index?.hasSuffix("WHERE related IS NOT NULL") == true)
    }

    @Test("a lookup by name uses the object and the related index, for one stored form and several")
    func lookupsUseBothIndexes() throws {
        let scratch = try SafetyScratch()
        let db = try HistoryMigrationTests.database(before: HistoryRelatedIndexTests.migration, scratch)
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
        let db = try HistoryMigrationTests.database(before: HistoryRelatedIndexTests.migration, scratch)
        try Migrator().migrate(db)
        let host = try #require(try db.scalar("SELECT h.name FROM machines m JOIN machines h ON h.id = m.host_id WHERE m.name = 'gitlab'")?.string)
        db.changeContext = ChangeContext(user: "tester", command: "labdb set vms gitlab cpus = 8")
        try db.transaction { try db.execute("UPDATE machines SET cpus = 8 WHERE name = 'gitlab'") }

        let aboutHost = try ChangeHistory(database: db).entries(about: host.uppercased(), limit: 5)
        #expect(aboutHost.first?.object == "gitlab" && aboutHost.first?.command == "labdb set vms gitlab cpus = 8")
        #expect(try db.scalar("PRAGMA integrity_check")?.string == "ok")
    }
}
