import LabTestSupport
import Testing
@testable import LabStore

/// `insertRows` writes many rows per statement: every row, in order, each firing its
/// triggers as its own statement would, for any count (batches of powers of two).
@Suite("Inserting rows in batches")
struct RowBatchTests {
    static func database(_ folder: TemporaryFolder) throws -> Database {
        let db = try Database(path: folder.file("rows.db"))
        try db.executeScript("""
            CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE) STRICT;
            CREATE TABLE items (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners(id), label TEXT NOT NULL CHECK (label <> '')) STRICT;
            CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, label TEXT NOT NULL) STRICT;
            CREATE TRIGGER items_log AFTER INSERT ON items BEGIN INSERT INTO log(item_id, label) VALUES (NEW.id, NEW.label); END;
            INSERT INTO owners(name) VALUES ('ann'), ('bob');
            """)
        return db
    }

    static func insert(_ labels: [String], into db: Database) throws {
        try db.transaction {
            try db.insertRows("INSERT INTO items(owner_id, label)", select: "(SELECT id FROM owners WHERE name = v.owner), v.label",
                              from: ["owner", "label"], labels.enumerated().map { [.text($0.offset % 2 == 0 ? "ANN" : "bob"), .text($0.element)] })
        }
    }

    @Test("every row arrives in order, with its lookups, and fires its trigger in order", arguments: [0, 1, 3, 64, 100, 131])
    func rowsInOrder(count: Int) throws {
        let folder = try TemporaryFolder()
        let db = try RowBatchTests.database(folder)
        let labels = (0..<count).map { "item \($0)" }
        try RowBatchTests.insert(labels, into: db)
        let items = try db.query("SELECT i.id, i.label, o.name FROM items i LEFT JOIN owners o ON o.id = i.owner_id ORDER BY i.id")
        #expect(items.map { $0.string("label") } == labels)
        #expect(items.map { $0.string("name") } == labels.indices.map { $0 % 2 == 0 ? "ann" : "bob" })
        #expect(try db.query("SELECT label FROM log ORDER BY id").map { $0.string("label") } == labels)
    }

    @Test("a row the schema refuses fails the whole write, leaving nothing behind")
    func refusedRowWritesNothing() throws {
        let folder = try TemporaryFolder()
        let db = try RowBatchTests.database(folder)
        var labels = (0..<80).map { "item \($0)" }
        labels[70] = ""
        #expect(throws: StoreError.self) { try RowBatchTests.insert(labels, into: db) }
        #expect(try db.scalar("SELECT count(*) FROM items")?.int == 0)
        #expect(try db.scalar("SELECT count(*) FROM log")?.int == 0)
    }
}
