import Foundation
import LabIP
import LabModel
import LabStore
import Testing

/// A unique temporary folder with the seed lab at hand, for the safety tests.
struct SafetyScratch {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-safety-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// A migrated database at `name`, seeded with the guide's lab by a change set named `command`.
    func seededDatabase(_ name: String = "lab.db", command: String = "labdb init --seed seed/homelab.yaml") throws -> Database {
        let db = try LabDatabase.open(path: path(name))
        db.changeContext = ChangeContext(user: "tester", command: command)
        try LabImporter(database: db).apply(try SafetyScratch.seedLab())
        return db
    }

    static func seedLab() throws -> Lab {
        try LabFileParser.load(path: root.appendingPathComponent("seed/homelab.yaml").path)
    }
}

@Suite("Safety: change history")
struct SafetyHistoryTests {
    @Test("an import records one change set with the user, the command and every created row")
    func importRecordsChangeSet() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let sets = try db.query("SELECT os_user, command, open FROM change_sets")
        #expect(sets.count == 1)
        #expect(sets.first?.string("os_user") == "tester")
        #expect(sets.first?.string("command") == "labdb init --seed seed/homelab.yaml")
        #expect(sets.first?.int("open") == 0)
        let machines = try db.scalar("SELECT count(*) FROM machines")?.int
        let recorded = try db.scalar("SELECT count(*) FROM changes WHERE table_name = 'machines' AND operation = 'insert' AND change_set_id = 1")?.int
        #expect(machines == recorded)
        #expect(try db.scalar("SELECT count(*) FROM changes WHERE change_set_id IS NULL")?.int == 0)
    }

    @Test("pruning removes old change sets whole and old outside writes, keeps newer history, never touches the inventory")
    func prune() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        // Age the seed's change set, then make newer history: a labdb change and two writes outside labdb.
        try db.execute("UPDATE change_sets SET at = '2026-01-01T00:00:00.000Z'")
        db.changeContext = ChangeContext(user: "tester", command: "labdb set vms gitlab cpus = 6")
        try db.transaction { try db.execute("UPDATE machines SET cpus = 6 WHERE name = 'gitlab'") }
        db.changeContext = nil
        try db.execute("UPDATE machines SET cpus = 5 WHERE name = 'vault'")
        try db.execute("UPDATE machines SET cpus = 7 WHERE name = 'minio'")
        try db.execute("UPDATE changes SET at = '2026-02-01T00:00:00.000Z' WHERE change_set_id IS NULL AND object = 'minio'")
        let seedChanges = Int(try db.scalar("SELECT count(*) FROM changes WHERE change_set_id = 1")?.int ?? 0)
        #expect(seedChanges > 100)
        let lab = try Lab(database: db)
        let totalBefore = try db.scalar("SELECT count(*) FROM changes")?.int ?? 0

        let history = ChangeHistory(database: db)
        let planned = try history.pruning(before: "2026-06-01T00:00:00.000Z")
        #expect(planned == ChangeHistory.Pruning(changes: seedChanges + 1, changeSets: 1))
        #expect(try db.scalar("SELECT count(*) FROM changes")?.int == totalBefore, "counting removes nothing")
        #expect(try history.prune(before: "2026-06-01T00:00:00.000Z") == planned)

        let left = try history.entries(limit: 100)
        #expect(Set(left.map(\.object)) == ["gitlab", "vault"])
        #expect(left.first { $0.object == "gitlab" }?.command == "labdb set vms gitlab cpus = 6")
        #expect(try db.scalar("SELECT count(*) FROM change_sets")?.int == 1)
        #expect(try Lab(database: db) == lab, "the inventory is not touched")
        #expect(try history.prune(before: "2026-06-01T00:00:00.000Z") == ChangeHistory.Pruning(changes: 0, changeSets: 0))
        #expect(ChangeHistory.storedTime(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test("importing the same lab again records nothing")
    func noOpImportRecordsNothing() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let before = try db.scalar("SELECT count(*) FROM changes")?.int
        db.changeContext = ChangeContext(user: "tester", command: "labdb import seed/homelab.yaml")
        let plan = try LabImporter(database: db).apply(try SafetyScratch.seedLab())
        #expect(plan.isEmpty)
        #expect(try db.scalar("SELECT count(*) FROM change_sets")?.int == 1)
        #expect(try db.scalar("SELECT count(*) FROM changes")?.int == before)
    }

    @Test("an update shows before and after, with sizes and addresses decoded")
    func updateShowsBeforeAndAfter() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        var lab = try SafetyScratch.seedLab()
        let index = try #require(lab.machines.firstIndex { $0.name == "gitlab" })
        lab.machines[index].ram = ByteSize(bytes: 12 << 30)
        lab.machines[index].tags.append("changed")
        db.changeContext = ChangeContext(user: "alice", command: "labdb import lab.yaml")
        try LabImporter(database: db).apply(lab)

        let entries = try ChangeHistory(database: db).entries(about: "gitlab", limit: 10)
        let update = try #require(entries.first { $0.table == "machines" && $0.operation == "update" })
        #expect(update.user == "alice")
        #expect(update.command == "labdb import lab.yaml")
        let table = try ChangeHistory(database: db).table(about: "gitlab", limit: 10)
        let changeColumn = try #require(table.columns.firstIndex(of: "change"))
        let summaries = table.rows.map { $0[changeColumn].display }
        #expect(summaries.contains("ram_bytes: 8 GiB → 12 GiB"))
        // The tags were rewritten by the importer, but only the real difference is recorded.
        let tagChanges = entries.filter { $0.table == "machine_tags" && $0.changeSet == update.changeSet }
        #expect(tagChanges.count == 1)
        #expect(tagChanges.first?.operation == "insert")
        #expect(tagChanges.first?.after?.contains("\"changed\"") == true)

        // Addresses are stored as hex and shown decoded; a search by address finds them.
        let address = try #require(try ChangeHistory(database: db).entries(about: "192.168.1.25", limit: 5).first { $0.table == "addresses" })
        #expect(address.object == "192.168.1.25")
        #expect(address.after?.contains("\"address\":\"192.168.1.25\"") == true)
        #expect(address.after?.contains("\"prefix\":\"192.168.1.0/24\"") == true)
    }

    @Test("a deleted machine takes its tags and disks with it, each recorded under its name")
    func deleteRecordsChildren() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        var lab = try SafetyScratch.seedLab()
        lab.machines.removeAll { $0.name == "bastion" }
        lab.disks.removeAll { $0.machine == "bastion" }
        lab.allocations.removeAll { $0.holder == .machine("bastion") }
        db.changeContext = ChangeContext(user: "tester", command: "labdb import smaller.yaml")
        try LabImporter(database: db).apply(lab)
        let entries = try ChangeHistory(database: db).entries(about: "bastion", limit: 20).filter { $0.operation == "delete" }
        #expect(entries.contains { $0.table == "machines" })
        #expect(entries.contains { $0.table == "disks" && $0.object == "bastion" })
        #expect(entries.contains { $0.table == "machine_tags" && $0.object == "bastion" })
        #expect(entries.allSatisfy { $0.command == "labdb import smaller.yaml" })
    }

    @Test("any write path through a transaction is recorded: here an allocation-style insert")
    func allocationIsRecorded() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        db.changeContext = nil
        let address = try #require(IPAddress("192.168.1.28"))
        try db.transaction(.immediate, changeSet: ChangeContext(user: "bob", command: "labdb ip allocate infra --to vault")) {
            try db.execute("""
                INSERT INTO addresses(family, address, prefix_id, range_id, machine_id)
                VALUES (?, ?, (SELECT id FROM prefixes LIMIT 1), (SELECT id FROM ranges WHERE name = 'infra'), (SELECT id FROM machines WHERE name = 'vault'))
                """, address.sqlArguments)
        }
        let entry = try #require(try ChangeHistory(database: db).entries(about: "192.168.1.28", limit: 5).first)
        #expect(entry.user == "bob")
        #expect(entry.command == "labdb ip allocate infra --to vault")
        #expect(entry.operation == "insert")
        #expect(entry.after?.contains("\"machine\":\"vault\"") == true)
        // Found by the holder's name too.
        #expect(try ChangeHistory(database: db).entries(about: "vault", limit: 50).contains { $0.id == entry.id })
    }

    @Test("a write outside labdb is still recorded, with no change set")
    func rawSQLIsRecorded() throws {
        let scratch = try SafetyScratch()
        _ = try scratch.seededDatabase()
        let raw = try Database(path: scratch.path("lab.db"))
        try raw.execute("UPDATE machines SET description = 'edited by hand' WHERE name = 'vault'")
        let entry = try #require(try ChangeHistory(database: raw).entries(about: "vault", limit: 1).first)
        #expect(entry.changeSet == nil)
        #expect(entry.user == nil)
        #expect(entry.after?.contains("edited by hand") == true)
    }

    @Test("a failed transaction leaves no history behind")
    func rollbackLeavesNoHistory() throws {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        let changes = try db.scalar("SELECT count(*) FROM changes")?.int
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.transaction(changeSet: ChangeContext(user: "tester", command: "doomed")) {
                try db.execute("UPDATE machines SET cpus = 99 WHERE name = 'gitlab'")
                throw Abort()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM changes")?.int == changes)
        #expect(try db.scalar("SELECT count(*) FROM change_sets WHERE command = 'doomed'")?.int == 0)
        #expect(try db.scalar("SELECT count(*) FROM change_sets WHERE open = 1")?.int == 0)
    }

    /// Tables that are not inventory, with the reason they keep no history.
    static let untracked: [String: String] = [
        "schema_migrations": "the migrator's own ledger",
        "change_sets": "the history itself",
        "changes": "the history itself",
        "address_runs": "derived from addresses (0002), rebuilt from them",
        "address_runs_state": "derived from addresses (0002), a staleness flag",
        "dns_owned_entries": "the DNS sync's bookkeeping of what it created on each target (0003), rewritten by every apply",
        "api_tokens": "tokens (0010): TokenStore records creation and revocation itself, with name and scope but never the digest",
        "idempotency_keys": "the server's replay cache of first answers (0010), expiring after 24 hours",
        "dns_sync_status": "what the last DNS plan/apply found (0010), rewritten by every run",
    ]

    @Test("every table has insert, update and delete history triggers (a new table needs them too)")
    func everyTableIsTracked() throws {
        let db = try LabDatabase.open(path: try SafetyScratch().path("lab.db"))
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").compactMap { $0.string("name") }
        #expect(tables.contains("machines") && tables.contains("records"))
        for table in tables where SafetyHistoryTests.untracked[table] == nil {
            let events = try db.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%history%'", [.text(table)])
                .compactMap { $0.string("sql")?.uppercased() }
            for event in ["AFTER INSERT", "AFTER UPDATE", "AFTER DELETE"] {
                #expect(events.contains { $0.contains(event) },
                        "table \(table) has no \(event) history trigger: add one in a new migration (see 0004_change_history.sql), or list the table in SafetyHistoryTests.untracked with a reason")
            }
        }
    }

    @Test("secret flag values never reach the recorded command")
    func commandIsMasked() {
        let command = ChangeContext.maskedCommand(["labdb", "dns", "apply", "--api-token", "s3cr3t", "--password=hunter2", "--target", "pi hole"])
        #expect(!command.contains("s3cr3t"))
        #expect(!command.contains("hunter2"))
        #expect(command == "labdb dns apply --api-token *** --password=*** --target 'pi hole'")
    }
}
