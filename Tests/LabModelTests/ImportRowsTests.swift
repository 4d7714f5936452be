import Foundation
import LabModel
import LabStore
import Testing

/// What an import writes, row by row, against a literal expectation recorded before the
/// import was made faster (lazy source positions, cheaper plan counts, the change set's
/// closing step that only groups tables with deletes): the speed work must not change a
/// single inventory or history row. One change of order since: the machines an import
/// creates are inserted many per statement (so that SQLite's statement journal copies the
/// history's pages once per batch, not once per row), so their history rows come all
/// machines first, then their tags, then their attributes, where they came machine by
/// machine; the rows themselves, and every inventory row and id, are as before.
@Suite("Import: exact rows written")
struct ImportRowsTests {
    static let first = """
    prefixes:
      - cidr: 10.9.0.0/24
        ranges:
          - {name: r1, first: 10.9.0.10, last: 10.9.0.50, purpose: static}
    hosts:
      - name: h1
        kind: server
        cpus: 8
        ram: 32G
        tags: [rack1, prod]
        attributes: {owner: ops}
        pools: [{name: data, type: lvm-thin, size: 1T}]
        addresses: [{ip: 10.9.0.2}]
    vms:
      - name: v1
        host: h1
        cpus: 2
        ram: 4G
        tags: [web]
        addresses: [{ip: 10.9.0.11, dns: v1.lab}]
        disks: [{name: root, size: 20G, pool: data}]
      - name: v2
        host: h1
        cpus: 1
        ram: 1G
        tags: [db]
        disks: [{name: root, size: 10G, pool: data}]
    """

    static let second = """
    prefixes:
      - cidr: 10.9.0.0/24
        ranges:
          - {name: r1, first: 10.9.0.10, last: 10.9.0.50, purpose: static}
    hosts:
      - name: h1
        kind: server
        cpus: 8
        ram: 32G
        tags: [rack1, prod]
        attributes: {owner: ops}
        pools: [{name: data, type: lvm-thin, size: 1T}]
        addresses: [{ip: 10.9.0.2}]
    vms:
      - name: v1
        host: h1
        cpus: 4
        ram: 4G
        tags: [web, new]
        addresses: [{ip: 10.9.0.11, dns: v1.lab}]
        disks: [{name: root, size: 20G, pool: data}]
      - name: v3
        host: h1
        cpus: 1
        ram: 2G
        addresses: [{ip: 10.9.0.12}]
    """

    /// Every history row of the two imports: change set, table, operation, object, related, before, after.
    static let expectedHistory: [[String]] = [
        ["1", "prefixes", "insert", "4:0000000000000000000000000A090000/24", "", "", "{\"name\":null,\"family\":4,\"network\":\"0000000000000000000000000A090000\",\"last\":\"0000000000000000000000000A0900FF\",\"length\":24,\"gateway\":null,\"description\":null}"],
        ["1", "ranges", "insert", "r1", "4:0000000000000000000000000A090000/24", "", "{\"name\":\"r1\",\"prefix\":\"4:0000000000000000000000000A090000/24\",\"family\":4,\"first\":\"0000000000000000000000000A09000A\",\"last\":\"0000000000000000000000000A090032\",\"purpose\":\"static\",\"description\":null}"],
        ["1", "machines", "insert", "h1", "", "", "{\"name\":\"h1\",\"kind\":\"server\",\"host\":null,\"model\":null,\"cpus\":8,\"ram_bytes\":34359738368,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}"],
        ["1", "machines", "insert", "v1", "h1", "", "{\"name\":\"v1\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":2,\"ram_bytes\":4294967296,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}"],
        ["1", "machines", "insert", "v2", "h1", "", "{\"name\":\"v2\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":1,\"ram_bytes\":1073741824,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}"],
        ["1", "machine_tags", "insert", "h1", "", "", "{\"machine\":\"h1\",\"tag\":\"prod\"}"],
        ["1", "machine_tags", "insert", "h1", "", "", "{\"machine\":\"h1\",\"tag\":\"rack1\"}"],
        ["1", "machine_tags", "insert", "v1", "", "", "{\"machine\":\"v1\",\"tag\":\"web\"}"],
        ["1", "machine_tags", "insert", "v2", "", "", "{\"machine\":\"v2\",\"tag\":\"db\"}"],
        ["1", "machine_attributes", "insert", "h1", "", "", "{\"machine\":\"h1\",\"key\":\"owner\",\"value\":\"ops\"}"],
        ["1", "pools", "insert", "data", "h1", "", "{\"host\":\"h1\",\"name\":\"data\",\"type\":\"lvm-thin\",\"size_bytes\":1099511627776,\"thin\":1,\"description\":null}"],
        ["1", "disks", "insert", "v1", "data", "", "{\"machine\":\"v1\",\"name\":\"root\",\"size_bytes\":21474836480,\"pool\":\"data\",\"media\":null}"],
        ["1", "disks", "insert", "v2", "data", "", "{\"machine\":\"v2\",\"name\":\"root\",\"size_bytes\":10737418240,\"pool\":\"data\",\"media\":null}"],
        ["1", "addresses", "insert", "4:0000000000000000000000000A090002", "h1", "", "{\"family\":4,\"address\":\"0000000000000000000000000A090002\",\"prefix\":\"4:0000000000000000000000000A090000/24\",\"range\":null,\"machine\":\"h1\",\"service\":null,\"dns_name\":null,\"description\":null,\"position\":0}"],
        ["1", "addresses", "insert", "4:0000000000000000000000000A09000B", "v1", "", "{\"family\":4,\"address\":\"0000000000000000000000000A09000B\",\"prefix\":\"4:0000000000000000000000000A090000/24\",\"range\":\"r1\",\"machine\":\"v1\",\"service\":null,\"dns_name\":\"v1.lab\",\"description\":null,\"position\":0}"],
        ["2", "machines", "insert", "v3", "h1", "", "{\"name\":\"v3\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":1,\"ram_bytes\":2147483648,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}"],
        ["2", "machines", "update", "v1", "h1", "{\"name\":\"v1\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":2,\"ram_bytes\":4294967296,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}", "{\"name\":\"v1\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":4,\"ram_bytes\":4294967296,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}"],
        ["2", "machine_tags", "insert", "v1", "", "", "{\"machine\":\"v1\",\"tag\":\"new\"}"],
        ["2", "addresses", "insert", "4:0000000000000000000000000A09000C", "v3", "", "{\"family\":4,\"address\":\"0000000000000000000000000A09000C\",\"prefix\":\"4:0000000000000000000000000A090000/24\",\"range\":\"r1\",\"machine\":\"v3\",\"service\":null,\"dns_name\":null,\"description\":null,\"position\":0}"],
        ["2", "disks", "delete", "v2", "data", "{\"machine\":\"v2\",\"name\":\"root\",\"size_bytes\":10737418240,\"pool\":\"data\",\"media\":null}", ""],
        ["2", "machine_tags", "delete", "v2", "", "{\"machine\":\"v2\",\"tag\":\"db\"}", ""],
        ["2", "machines", "delete", "v2", "h1", "{\"name\":\"v2\",\"kind\":\"vm\",\"host\":\"h1\",\"model\":null,\"cpus\":1,\"ram_bytes\":1073741824,\"ram_reserve_bytes\":null,\"enabled\":1,\"description\":null}", ""],
    ]

    @Test("importing a lab, then a changed one, writes exactly the expected inventory and history rows")
    func exactRows() throws {
        let scratch = try SafetyScratch()
        let db = try LabDatabase.open(path: scratch.path("rows.db"))
        db.changeContext = ChangeContext(user: "tester", command: "labdb import first.yaml")
        try LabImporter(database: db).apply(try LabFileParser(file: "first.yaml").parseFile(ImportRowsTests.first), named: "first.yaml", force: false)
        db.changeContext = ChangeContext(user: "tester", command: "labdb import second.yaml")
        let plan = try LabImporter(database: db).apply(try LabFileParser(file: "second.yaml").parseFile(ImportRowsTests.second), named: "second.yaml", force: false)
        #expect(plan.summary == "Plan: 2 to create, 1 to update, 2 to delete.")
        #expect(!plan.isEmpty)

        let history = try db.query("""
            SELECT change_set_id, table_name, operation, object, coalesce(related, '') AS related, coalesce(before, '') AS before,
                   coalesce(after, '') AS after FROM changes ORDER BY id
            """).map { row in
            [String(row.int("change_set_id") ?? -1)] + ["table_name", "operation", "object", "related", "before", "after"].map { row.string($0) ?? "?" }
        }
        #expect(history == ImportRowsTests.expectedHistory)

        let machines = try db.query("""
            SELECT m.name || '|' || m.kind || '|' || coalesce(h.name, '') || '|' || m.cpus || '|' || m.ram_bytes AS line
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id ORDER BY m.name
            """).map { $0.string("line") ?? "" }
        #expect(machines == ["h1|server||8|34359738368", "v1|vm|h1|4|4294967296", "v3|vm|h1|1|2147483648"])
        let tags = try db.query("SELECT m.name || '|' || t.tag AS line FROM machine_tags t JOIN machines m ON m.id = t.machine_id ORDER BY 1")
            .map { $0.string("line") ?? "" }
        #expect(tags == ["h1|prod", "h1|rack1", "v1|new", "v1|web"])
        let addresses = try db.query("""
            SELECT hex(a.address) || '|' || coalesce(m.name, '') || '|' || coalesce(r.name, '') || '|' || coalesce(a.dns_name, '') || '|' || a.position AS line
            FROM addresses a LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN ranges r ON r.id = a.range_id ORDER BY a.address
            """).map { $0.string("line") ?? "" }
        #expect(addresses == ["0000000000000000000000000A090002|h1|||0", "0000000000000000000000000A09000B|v1|r1|v1.lab|0",
                              "0000000000000000000000000A09000C|v3|r1||0"])
        let disks = try db.query("""
            SELECT m.name || '|' || d.name || '|' || d.size_bytes || '|' || coalesce(p.name, '') AS line
            FROM disks d JOIN machines m ON m.id = d.machine_id LEFT JOIN pools p ON p.id = d.pool_id ORDER BY 1
            """).map { $0.string("line") ?? "" }
        #expect(disks == ["v1|root|21474836480|data"])
        #expect(try LabImporter(database: db).plan(try LabFileParser(file: "second.yaml").parse(ImportRowsTests.second)).isEmpty)
        // The import keeps SQLite's temporary files in memory only while it runs.
        #expect(try db.scalar("PRAGMA temp_store")?.int == 0)
    }

    @Test("a refused import leaves nothing behind and SQLite's temporary-file setting as it was")
    func refusedImportRestoresSettings() throws {
        let scratch = try SafetyScratch()
        let db = try LabDatabase.open(path: scratch.path("refused.db"))
        try LabImporter(database: db).apply(try LabFileParser(file: "first.yaml").parseFile(ImportRowsTests.first), named: "first.yaml", force: false)
        let before = try db.scalar("SELECT count(*) FROM machines")?.int
        var lab = try LabFileParser(file: "second.yaml").parse(ImportRowsTests.second)
        // A TTL the schema refuses slips past a hand-built lab: the write fails part-way.
        lab.zones.append(Zone(name: "t.lab"))
        lab.records.append(Record(zone: "t.lab", name: "x", type: .a, value: "10.9.0.40", view: .internal, ttl: 1))
        #expect(throws: (any Error).self) { try LabImporter(database: db).apply(lab) }
        #expect(try db.scalar("SELECT count(*) FROM machines")?.int == before)
        #expect(try db.scalar("PRAGMA temp_store")?.int == 0)
    }
}
