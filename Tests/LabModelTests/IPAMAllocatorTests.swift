import Foundation
import LabIP
import LabModel
import LabStore
import Testing
import LabTestSupport

/// The allocator's behaviour beyond single edge cases: gaps, positions, DNS names, the runs
/// index under every write path, and the seed lab's figures.
@Suite("IPAM allocator")
struct IPAMAllocatorTests {
    @Test("a released address is the next one handed out again")
    func releasedAddressIsReused() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.50"))
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 5)
        try lab.allocator.release(.of("10.0.0.12"))
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.11", "10.0.0.13-10.0.0.14"])
        #expect(try lab.allocator.next(inRange: "pool", count: 3) == [.of("10.0.0.12"), .of("10.0.0.15"), .of("10.0.0.16")])
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "a").map(\.address) == [.of("10.0.0.12")])
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.14"])
    }

    @Test("next skips addresses allocated exactly, outside the allocator's order")
    func nextSkipsExactAllocations() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.20"))
        try lab.allocator.allocate(.of("10.0.0.10"), to: "a")
        try lab.allocator.allocate(.of("10.0.0.12"), to: "a")
        try lab.allocator.allocate(.of("10.0.0.11"), to: "a")
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.12"])
        #expect(try lab.allocator.next(inRange: "pool") == [.of("10.0.0.13")])
    }

    @Test("each new address of a holder takes the next position")
    func positionsFollowHolder() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.20"))
        try lab.allocator.allocate(fromRange: "pool", to: "a")
        try lab.allocator.allocate(fromRange: "pool", to: "svc")
        try lab.allocator.allocate(.of("10.0.0.100"), to: "a", dns: "a2.lab.example.com")
        let rows = try lab.db.query("SELECT position, dns_name, range_id IS NULL AS outside FROM addresses WHERE machine_id IS NOT NULL ORDER BY address")
        #expect(rows.map { $0.int("position") } == [0, 1])
        #expect(rows.map { $0.string("dns_name") } == [nil, "a2.lab.example.com"])
        #expect(rows.map { $0.int("outside") } == [0, 1])
        #expect(try lab.db.scalar("SELECT position FROM addresses WHERE service_id IS NOT NULL")?.int == 0)
    }

    @Test("an invalid DNS name is refused before anything is written")
    func invalidDNSName() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.20"))
        #expect(throws: IPAMError.invalidDNSName(name: "bad name!")) { try lab.allocator.allocate(fromRange: "pool", to: "a", dns: "bad name!") }
        #expect(try lab.addressCount() == 0)
    }

    @Test("a name held by both a machine and a service needs a kind")
    func ambiguousHolder() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.20") + """

              - name: a
            """)
        #expect(throws: IPAMError.ambiguousHolder(name: "a")) { try lab.allocator.allocate(fromRange: "pool", to: "a") }
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "service:a").first?.holder == "service a")
    }

    @Test("the runs stay exact through the lab-file importer, which writes addresses directly")
    func runsRebuiltAfterImport() throws {
        let base = IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.40")
        let lab = try IPAMTestLab(base)
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 3)
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.12"])
        // A lab file that holds other addresses: the importer deletes ours and inserts these.
        let changed = base.replacingOccurrences(of: "    kind: server", with: """
                kind: server
                addresses:
                  - ip: 10.0.0.10
                  - ip: 10.0.0.11
                  - ip: 10.0.0.13
            """)
        try LabImporter(database: lab.db).apply(try LabFileParser(file: "changed.yaml").parse(changed))
        #expect(try !AddressRunIndex(database: lab.db).isStale(.v4))
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.11", "10.0.0.13-10.0.0.13"])
        #expect(try lab.allocator.next(inRange: "pool", count: 2) == [.of("10.0.0.12"), .of("10.0.0.14")])
    }

    @Test("a hand-written write to addresses marks the runs stale, and the next allocation rebuilds them")
    func handWrittenWriteMarksStale() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.40"))
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 2)
        try lab.db.execute("INSERT INTO addresses(family, address, prefix_id) VALUES (4, ?, (SELECT id FROM prefixes))", [.blob(IPAddress.of("10.0.0.12").bytes)])
        try lab.db.execute("UPDATE addresses SET address = ? WHERE address = ?", [.blob(IPAddress.of("10.0.0.13").bytes), .blob(IPAddress.of("10.0.0.10").bytes)])
        #expect(try AddressRunIndex(database: lab.db).isStale(.v4))
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "a").map(\.address) == [.of("10.0.0.10")])
        #expect(try !AddressRunIndex(database: lab.db).isStale(.v4))
        #expect(try lab.runs() == ["10.0.0.10-10.0.0.13"])
    }

    @Test("an address of a range inside a nested prefix records the most specific prefix")
    func nestedPrefix() throws {
        let lab = try IPAMTestLab("""
            prefixes:
              - cidr: 10.0.0.0/16
                ranges:
                  - name: pool
                    first: 10.0.1.10
                    last: 10.0.1.20
                    purpose: static
              - cidr: 10.0.1.0/24
            hosts:
              - name: a
                kind: server
            """)
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "a").first?.prefix == IPNetwork("10.0.1.0/24"))
        #expect(try lab.allocator.allocate(.of("10.0.1.30"), to: "a").prefix == IPNetwork("10.0.1.0/24"))
        #expect(try lab.db.scalar("SELECT count(DISTINCT prefix_id) FROM addresses")?.int == 1)
        // The export, parsed again (which derives each address's prefix), imports as a no-op.
        let exported = LabYAMLWriter().write(try Lab(database: lab.db))
        #expect(try LabImporter(database: lab.db).plan(try LabFileParser(file: "export.yaml").parse(exported)).isEmpty)
    }

    @Test("a read-only connection finds free addresses by walking when the runs are stale")
    func readOnlyFallback() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.40"))
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 3)
        try lab.db.execute("DELETE FROM addresses WHERE address = ?", [.blob(IPAddress.of("10.0.0.11").bytes)])
        let readOnly = try LabDatabase.open(path: lab.db.path, create: false, readOnly: true)
        #expect(try AddressRunIndex(database: readOnly).isStale(.v4))
        #expect(try IPAllocator(database: readOnly).next(inRange: "pool", count: 3) == [.of("10.0.0.11"), .of("10.0.0.13"), .of("10.0.0.14")])
    }

    @Test("random allocations and releases keep the runs equal to a rebuild, and next equal to a walk")
    func runsMatchRebuildUnderRandomWrites() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.1", last: "10.0.0.60"))
        var generator = SplitMix64(seed: 42)
        var held: Set<UInt32> = []
        for _ in 0..<400 {
            let value = UInt32.random(in: 1...60, using: &generator)
            let address = IPAddress(family: .v4, value: UInt128(0x0A00_0000 | value))!
            if held.contains(value) {
                try lab.allocator.release(address)
                held.remove(value)
            } else if Bool.random(using: &generator) {
                try lab.allocator.allocate(address, to: "a")
                held.insert(value)
            } else if held.count < 60 {
                let got = try lab.allocator.allocate(fromRange: "pool", to: "a")[0].address
                #expect(!held.contains(UInt32(got.value & 0xFF)))
                held.insert(UInt32(got.value & 0xFF))
            }
            let expectedNext = (1...60).first { !held.contains(UInt32($0)) }.map { IPAddress(family: .v4, value: UInt128(0x0A00_0000 | UInt32($0)))! }
            #expect(try lab.allocator.next(inRange: "pool", count: 1).first == expectedNext || (expectedNext == nil))
        }
        let incremental = try lab.runs()
        try AddressRunIndex(database: lab.db).rebuild(.v4)
        #expect(try lab.runs() == incremental)
        #expect(try lab.addressCount() == Int64(held.count))
    }

    @Test("the seed lab's allocations show in ranges with correct counts")
    func seedLabUtilisation() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let seed = try LabFileParser.load(path: root + "/seed/homelab.yaml")
        let lab = try IPAMTestLab("{}")
        try LabImporter(database: lab.db).apply(seed)
        let table = try IPAMViews(database: lab.db).utilisation()
        let column = { (name: String) in table.columns.firstIndex(of: name)! }
        #expect(table.rows.count == seed.prefixes.count + seed.ranges.count)
        for range in seed.ranges {
            let row = try #require(table.rows.first { $0[column("kind")] == .text("range") && $0[column("name")] == .text(range.name) })
            let usable = range.bounds.clamped(to: range.prefix.usable)!
            let used = seed.allocations.filter { usable.contains($0.address) }
            #expect(row[column("size")] == .int(Int64(usable.count)))
            #expect(row[column("used")] == .int(Int64(used.count)))
            #expect(row[column("free")] == .int(Int64(usable.count) - Int64(used.count)))
            let firstFree = (0..<usable.count).lazy.map { usable.first.advanced(by: $0)! }.first { a in !used.contains { $0.address == a } }
            #expect(row[column("first_free")] == .text(firstFree?.description ?? "full"))
        }
        let metallb = try #require(table.rows.first { $0[column("name")] == .text("metallb") })
        #expect(metallb[column("size")] == .int(51))
    }

    @Test("IPv6 sizes print readably")
    func ipv6SizesReadable() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "2001:db8::/64", first: "2001:db8::", last: "2001:db8::ffff:ffff:ffff:ffff"))
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 2)
        let table = try IPAMViews(database: lab.db).utilisation()
        let range = try #require(table.rows.first { $0[0] == .text("range") })
        #expect(range[table.columns.firstIndex(of: "size")!] == .text("2^64 - 1"))
        #expect(range[table.columns.firstIndex(of: "used")!] == .int(2))
        #expect(range[table.columns.firstIndex(of: "free")!] == .text("2^64 - 3"))
        #expect(range[table.columns.firstIndex(of: "first_free")!] == .text("2001:db8::3"))
    }
}

