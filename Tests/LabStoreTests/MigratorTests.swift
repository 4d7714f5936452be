import LabTestSupport
import Foundation
import Testing
@testable import LabStore

@Suite("Schema migrations")
struct MigratorTests {
    let one = Migration(name: "0001_one", sql: "CREATE TABLE one (id INTEGER PRIMARY KEY) STRICT;")
    let two = Migration(name: "0002_two", sql: "CREATE TABLE two (id INTEGER PRIMARY KEY) STRICT;")

    @Test("the bundled migrations carry the schema files")
    func bundled() throws {
        let names = Migration.bundled.map(\.name)
        #expect(names.first == "0001_initial")
        #expect(names == names.sorted())
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.map { String($0.dropLast(4)) } == names)
        for migration in Migration.bundled {
            let text = try String(contentsOf: folder.appendingPathComponent(migration.name + ".sql"), encoding: .utf8)
            #expect(text == migration.sql, "embedded \(migration.name) differs from its file")
        }
    }

    @Test("checksums are FNV-1a of the SQL's bytes, as recorded in databases already out there")
    func checksumsAreStable() {
        #expect(Migration(name: "x", sql: "a").checksum == "fnv1a64:af63dc4c8601ec8c")
        #expect(Migration(name: "x", sql: "").checksum == "fnv1a64:cbf29ce484222325")
        #expect(one.checksum == "fnv1a64:e4c6c45c3bd7ba50")
    }

    @Test("the checksums embedded at build time are those of the embedded SQL")
    func embeddedChecksumsMatchTheSQL() {
        #expect(!Migration.bundled.isEmpty)
        for migration in Migration.bundled {
            #expect(migration.checksum == Migration(name: migration.name, sql: migration.sql).checksum, "\(migration.name)")
        }
    }

    @Test("each migration is applied once and recorded with its checksum")
    func appliesOnce() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        #expect(try Migrator(migrations: [one, two]).migrate(db) == ["0001_one", "0002_two"])
        #expect(try Migrator(migrations: [one, two]).migrate(db) == [])
        let recorded = try db.query("SELECT name, checksum FROM schema_migrations ORDER BY name")
        #expect(recorded.map { $0.string("name") } == ["0001_one", "0002_two"])
        #expect(recorded.first?.string("checksum") == one.checksum)
        let status = try Migrator(migrations: [one, two]).status(of: db)
        #expect(status.allSatisfy { $0.appliedAt != nil })
    }

    @Test("a database from a newer labdb is refused")
    func newerDatabase() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        try Migrator(migrations: [one, two]).migrate(db)
        let error = #expect(throws: StoreError.self) { try Migrator(migrations: [one]).migrate(db) }
        #expect(error?.message.contains("newer labdb") == true)
        #expect(error?.message.contains("0002_two") == true)
    }

    @Test("an applied migration whose file changed is an error")
    func changedMigration() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        try Migrator(migrations: [one]).migrate(db)
        let edited = Migration(name: "0001_one", sql: one.sql + " -- edited")
        let error = #expect(throws: StoreError.self) { try Migrator(migrations: [edited]).migrate(db) }
        #expect(error?.message.contains("must never change") == true)
    }

    @Test("a failing migration leaves nothing behind")
    func failingMigration() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        let broken = Migration(name: "0002_broken", sql: "CREATE TABLE half (id INTEGER); CREATE TABLE oops (;")
        #expect(throws: StoreError.self) { try Migrator(migrations: [one, broken]).migrate(db) }
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half'")?.int == 0)
        #expect(try db.scalar("SELECT count(*) FROM schema_migrations")?.int == 1)
    }

    @Test("the real schema applies and enforces its rules")
    func realSchema() throws {
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        try Migrator().migrate(db)
        #expect(try db.scalar("PRAGMA journal_mode")?.string == "wal")
        #expect(try db.scalar("PRAGMA foreign_keys")?.int == 1)
        // A guest needs a host; a CHECK constraint says so.
        let error = #expect(throws: StoreError.self) { try db.execute("INSERT INTO machines(name, kind) VALUES ('lonely', 'vm')") }
        #expect(error?.isConstraintViolation == true)
        // Deleting a host with guests is refused by the foreign key.
        try db.execute("INSERT INTO machines(name, kind) VALUES ('h', 'server')")
        try db.execute("INSERT INTO machines(name, kind, host_id) VALUES ('g', 'vm', (SELECT id FROM machines WHERE name = 'h'))")
        #expect(throws: StoreError.self) { try db.execute("DELETE FROM machines WHERE name = 'h'") }
    }

    @Test("a transaction that throws is rolled back")
    func rollback() throws {
        struct Boom: Error {}
        let folder = try TemporaryFolder()
        let db = try Database(path: folder.file("lab.db"))
        try db.execute("CREATE TABLE t (x INTEGER)")
        #expect(throws: Boom.self) {
            try db.transaction { try db.execute("INSERT INTO t VALUES (1)"); throw Boom() }
        }
        #expect(try db.scalar("SELECT count(*) FROM t")?.int == 0)
        try db.transaction { try db.execute("INSERT INTO t VALUES (?)", [.integer(2)]) }
        #expect(try db.scalar("SELECT x FROM t")?.int == 2)
    }

    @Test("a file that is not a database gives a clear error")
    func notADatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("junk.db")
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) {
            let db = try Database(path: path)
            _ = try db.scalar("SELECT count(*) FROM sqlite_master")
        }
        #expect(error?.isCorrupt == true)
        #expect(error?.description.contains("not a labdb database") == true)
    }
}
