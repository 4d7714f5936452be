import Foundation
@testable import LabExport
import LabModel
import LabStore
import Testing

/// `InventoryWriter` (the fast path of `labdb inventory`, written straight from the
/// database) against the model (`AnsibleInventory` over `Lab(database:)`, written by
/// `JSONWriter`): byte for byte the same `--list` and `--host` documents on labs built to
/// hit every rule and every odd input.
@Suite("Inventory written straight from the database")
struct InventoryWriterTests {
    /// A lab with a case for each rule: attributes around and over the fixed keys, a disabled
    /// host with an enabled guest, a machine in two clusters, colliding range and tag names,
    /// IPv6, an address outside every range, text that must be escaped, user groups.
    static let trickyYAML = """
        prefixes:
          - cidr: 10.1.0.0/24
            ranges:
              - name: Infra-A
                first: 10.1.0.10
                last: 10.1.0.49
                purpose: static
              - name: infra_a
                first: 10.1.0.50
                last: 10.1.0.59
                purpose: static
              - name: pis
                first: 10.1.0.100
                last: 10.1.0.119
                purpose: static
          - cidr: fd00:10::/64
            ranges:
              - name: v6
                first: fd00:10::100
                last: fd00:10::1ff
                purpose: static
        hosts:
          - name: pve-b
            kind: server
            model: "HP \\"Z\\" 440 \\\\ tab\\t"
            cpus: 12
            ram: 64G
            tags: [proxmox, team-a]
            attributes: {ansible_user: root, Zed: upper first, aaa: before ansible_host, labdb_kind: forged, labdb: between, m_var: after tags}
            addresses:
              - ip: 10.1.0.60
              - ip: 10.1.0.10
                dns: pve-b.lab.example
              - ip: fd00:10::100
                dns: pve-b6.lab.example
            pools:
              - name: local-lvm
                type: lvm-thin
                size: 1T
            disks:
              - name: nvme0
                size: 1T
                media: nvme
                pool: local-lvm
          - name: PVE-a
            kind: server
            cpus: 8
            ram: 32G
            enabled: false
            addresses:
              - ip: 10.1.0.13
            pools:
              - name: data
                type: dir
                size: 100G
          - name: pi-1
            kind: pi
            description: "line1\\nline2 {{ lookup('pipe', 'id') }}"
            addresses:
              - ip: 10.1.0.100
          - name: switch-1
            kind: switch
          - name: nas-1
            kind: nas
            tags: [proxmox]
            attributes: {ansible_host: nas.example, "x-y": "{{ not templated by labdb }}"}
            addresses:
              - ip: 10.1.0.11
        vms:
          - name: vm-b
            host: pve-b
            cpus: 2
            ram: 4G
            tags: [k8s, K8s]
            addresses:
              - ip: 10.1.0.12
                dns: vm-b.lab.example
              - ip: 10.1.0.51
            disks:
              - name: scsi1
                size: 10G
                pool: local-lvm
              - name: scsi0
                size: 20G
                pool: local-lvm
          - name: vm-a
            host: PVE-a
            cpus: 1
            ram: 1G
            addresses:
              - ip: fd00:10::101
            disks:
              - name: root
                size: 8G
                pool: data
          - name: vm-off
            host: pve-b
            enabled: false
            tags: [only-on-disabled]
        clusters:
          - name: k8s-b
            distribution: "rke2 {{ x }}"
            nodes:
              - machine: vm-b
                role: control-plane
              - machine: vm-a
                role: worker
          - name: A-cluster
            nodes:
              - machine: vm-b
                role: all-in-one
              - machine: vm-off
                role: worker
        groups:
          - name: all
            vars: {ansible_user: admin}
          - name: tag_k8s
            vars: {ansible_become: "true"}
          - name: Backups
            vars: {k: v}
        """

    /// Both documents for the database, with full and with minimal facts: `--list`, and `--host` of each machine.
    static func compare(_ db: Database) throws {
        let lab = try Lab(database: db)
        for facts in InventoryFacts.allCases {
            let model = AnsibleInventory(lab: lab, facts: facts)
            let streamed = try InventoryWriter.list(db, facts: facts)
            let written = JSONWriter().bytes(model.list())
            #expect(streamed.count == written.count, "\(facts)")
            if streamed != written {
                let at = (0..<min(streamed.count, written.count)).first { streamed[$0] != written[$0] } ?? min(streamed.count, written.count)
                Issue.record("--list (\(facts)) differs at byte \(at): \(String(decoding: streamed[max(0, at - 80)..<min(streamed.count, at + 80)], as: UTF8.self))")
            }
            #expect(try JSONSerialization.jsonObject(with: Data(streamed)) is [String: Any])
            for name in lab.machines.map(\.name) + lab.machines.map({ $0.name.uppercased() }) {
                let host = try InventoryWriter.host(db, named: name, facts: facts)
                let same = host.map { String(decoding: $0, as: UTF8.self) } == model.host(name).map { JSONWriter().write($0) }
                #expect(same, "--host \(name) (\(facts))")
            }
            #expect(try InventoryWriter.host(db, named: "no-such-machine", facts: facts) == nil)
        }
    }

    /// A database in a temporary folder holding `yaml`.
    static func database(_ yaml: String, in folder: URL) throws -> Database {
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try LabImporter(database: db).apply(try InventoryFixture.lab(yaml))
        return db
    }

    @Test("the seed lab: the same bytes as the model")
    func seed() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try LabImporter(database: db).apply(try InventoryFixture.seedLab())
        try InventoryWriterTests.compare(db)
        let text = String(decoding: try InventoryWriter.list(db), as: UTF8.self)
        #expect(text.contains("\"prod-worker-01\":{\"ansible_host\":\"192.168.1.43\""))
    }

    @Test("every rule and odd input: the same bytes as the model")
    func tricky() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try InventoryWriterTests.database(InventoryWriterTests.trickyYAML, in: folder)
        try InventoryWriterTests.compare(db)
        let text = String(decoding: try InventoryWriter.list(db), as: UTF8.self)
        // Spot checks that the comparison covers what it should.
        #expect(text.contains("\"nas-1\":{\"ansible_host\":\"nas.example\""))
        #expect(text.contains("\"aaa\":\"before ansible_host\",\"ansible_host\":\"10.1.0.60\""))
        #expect(text.contains("\"labdb_addresses\":[\"10.1.0.60\",\"10.1.0.10\",\"fd00:10::100\"]"))
        #expect(!text.contains("forged"))
        #expect(!text.contains("\"vm-off\":{"))
        #expect(text.contains("\"labdb_host\":\"PVE-a\""))
        let minimal = String(decoding: try InventoryWriter.list(db, facts: .minimal), as: UTF8.self)
        #expect(minimal.contains("\"pve-b\":{\"Zed\":\"upper first\",\"aaa\":\"before ansible_host\",\"ansible_host\":\"10.1.0.60\",\"ansible_user\":\"root\",\"labdb\":\"between\",\"m_var\":\"after tags\"}"))
        #expect(!minimal.contains("\"labdb_cpus\"") && !minimal.contains("\"labdb_addresses\""))
        // The groups do not depend on the facts.
        let groups = { (text: String) in String(text[text.range(of: "}}},\"all\"")!.lowerBound...]) }
        #expect(groups(minimal) == groups(text))
    }

    @Test("text the lab file would refuse but the database holds: the same bytes, valid JSON")
    func rawText() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try InventoryWriterTests.database(InventoryWriterTests.trickyYAML, in: folder)
        try db.transaction {
            // Invalid UTF-8, a control character, non-ASCII tags and keys, and 2 MB of description
            // (more than the output buffer holds at once).
            try db.execute("UPDATE machines SET description = CAST(X'66FF6FC328' AS TEXT) WHERE name = 'switch-1'")
            try db.execute("UPDATE machines SET description = 'bell ' || char(7) || ' é ☃' WHERE name = 'vm-b'")
            try db.execute("UPDATE machines SET description = replace(hex(zeroblob(1000000)), '00', 'xy') WHERE name = 'nas-1'")
            try db.execute("INSERT INTO machine_tags (machine_id, tag) SELECT id, 'Café crème' FROM machines WHERE name = 'pi-1'")
            try db.execute("INSERT INTO machine_tags (machine_id, tag) SELECT id, 'café_crème' FROM machines WHERE name = 'vm-a'")
            try db.execute("INSERT INTO machine_attributes (machine_id, key, value) SELECT id, 'ä', 'ö' FROM machines WHERE name = 'pi-1'")
            try db.execute("INSERT INTO machine_attributes (machine_id, key, value) SELECT id, 'Z', '\"' FROM machines WHERE name = 'pi-1'")
        }
        try InventoryWriterTests.compare(db)
        let text = String(decoding: try InventoryWriter.list(db), as: UTF8.self)
        // (Checked as Bools: a failing expectation would print the 2 MB document.)
        let repaired = text.contains("\"labdb_description\":{\"__ansible_unsafe\":\"f\u{FFFD}o\u{FFFD}(\"}")
        let escaped = text.contains("bell \\u0007 é ☃")
        #expect(repaired)
        #expect(escaped)
    }

    @Test("sparse machine ids (many machines deleted): found by binary search, the same bytes")
    func sparseIDs() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let many = (0..<1_200).map { "  - name: old-\($0)\n    kind: other\n" }.joined()
        let db = try InventoryWriterTests.database(InventoryWriterTests.trickyYAML.replacingOccurrences(of: "hosts:\n", with: "hosts:\n" + many), in: folder)
        try LabImporter(database: db).apply(try InventoryFixture.lab(InventoryWriterTests.trickyYAML.replacingOccurrences(
            of: "hosts:\n", with: "hosts:\n  - name: new-1\n    kind: other\n    tags: [late]\n")))
        let count = try db.scalar("SELECT count(*) FROM machines")?.int ?? 0
        let span = try db.scalar("SELECT max(id) - min(id) + 1 FROM machines")?.int ?? 0
        #expect(span > count * 4 + 1024, "the ids must be sparse for this test to mean anything")
        try InventoryWriterTests.compare(db)
        #expect(String(decoding: try InventoryWriter.list(db), as: UTF8.self).contains("\"tag_late\":{\"hosts\":[\"new-1\"]}"))
    }

    @Test("an empty database: every fixed group, no hosts")
    func empty() throws {
        let folder = try InventoryFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try InventoryWriterTests.compare(db)
        #expect(String(decoding: try InventoryWriter.list(db), as: UTF8.self)
            == "{\"_meta\":{\"hostvars\":{}},\"all\":{\"vars\":{}},\"edge_pis\":{\"hosts\":[]},\"infra_vms\":{\"hosts\":[]},\"proxmox_hosts\":{\"hosts\":[]},\"ungrouped\":{\"hosts\":[]}}\n")
    }

    @Test("the eight-bytes-at-a-time check agrees with a byte-by-byte one")
    func plainASCIICheck() {
        func naive(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } }
        for length in 0...19 {
            for position in 0..<max(length, 1) {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = UInt8(value) }
                    let fast = bytes.withUnsafeBufferPointer(ByteSink.isPlainASCII)
                    if fast != naive(bytes) { Issue.record("length \(length), byte \(value) at \(position): \(fast)"); return }
                }
            }
        }
    }

    @Test("a small output buffer gives the same bytes; a failed write is reported once and stops the output")
    func byteSink() {
        var collected: [UInt8] = []
        var sink = ByteSink(capacity: 64) { collected.append(contentsOf: $0); return nil }
        var expected: [UInt8] = []
        for index in 0..<500 {
            let text = Array(String(repeating: "x", count: index % 150).utf8)
            text.withUnsafeBufferPointer { sink.append($0) }
            expected += text
            sink.appendDecimal(Int64(index) - 250)
            expected += Array(String(index - 250).utf8)
        }
        #expect(sink.finish() == nil)
        #expect(collected == expected)

        var calls = 0
        var failing = ByteSink(capacity: 64) { _ in calls += 1; return 28 }
        for _ in 0..<100 { failing.appendRaw("0123456789") }
        #expect(failing.finish() == 28)
        #expect(calls == 1)
    }
}
