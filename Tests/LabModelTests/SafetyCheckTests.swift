import Foundation
import LabIP
import LabModel
import LabStore
import Testing

@Suite("Safety: consistency check")
struct SafetyCheckTests {
    func findings(_ db: Database) throws -> [Finding] { try ConsistencyCheck(database: db).run() }

    @Test("the guide's lab has no errors")
    func seedLabIsClean() throws {
        let db = try SafetyScratch().seededDatabase()
        #expect(try findings(db).filter { $0.severity == .error } == [])
    }

    @Test("an address outside its range and prefix is an error naming the address")
    func addressOutsideRange() throws {
        let db = try SafetyScratch().seededDatabase()
        // Raw SQL can put anything in: move gitlab's address out of its range and its /24.
        let outside = try #require(IPAddress("10.9.9.9"))
        try db.execute("UPDATE addresses SET address = ? WHERE address = ?", [.blob(outside.bytes), .blob(try #require(IPAddress("192.168.1.25")).bytes)])
        let found = try findings(db).filter { $0.object == "address 10.9.9.9" }
        #expect(found.contains { $0.severity == .error && $0.problem.contains("outside its prefix 192.168.1.0/24") })
        #expect(found.contains { $0.severity == .error && $0.problem.contains("outside its range infra") })
    }

    @Test("a nested prefix whose network or broadcast address lies in a range, or is allocated, is an error")
    func nestedPrefixReservedAddresses() throws {
        let db = try SafetyScratch().seededDatabase()
        // Raw SQL (an older labdb's import allowed it): a /28 inside the seed's /24 whose network
        // address 192.168.1.48 lies in range 'prod' and whose broadcast 192.168.1.63 lies in 'edge'.
        let network = try #require(IPAddress("192.168.1.48")), broadcast = try #require(IPAddress("192.168.1.63"))
        try db.execute("INSERT INTO prefixes(name, family, network, last, length) VALUES ('lab48', 4, ?, ?, 28)", [.blob(network.bytes), .blob(broadcast.bytes)])
        let found = try findings(db)
        let rangeProblems = found.filter { $0.object.hasPrefix("range ") && $0.problem.contains("prefix 'lab48' (192.168.1.48/28)") }
        #expect(rangeProblems.count == 2 && rangeProblems.allSatisfy { $0.severity == .error }, "\(found)")
        #expect(rangeProblems.contains { $0.problem.hasPrefix("contains 192.168.1.48, the network address") })

        // Allocate its broadcast address behind the allocator's back: that is reported with the holder.
        let holder = try #require(try db.scalar("SELECT id FROM machines WHERE name = 'gitlab'")?.int)
        try db.execute("INSERT INTO addresses(family, address, prefix_id, machine_id, position) VALUES (4, ?, (SELECT id FROM prefixes WHERE name = 'lab48'), ?, 9)",
                       [.blob(broadcast.bytes), .integer(holder)])
        let address = try #require(try findings(db).first { $0.object == "address 192.168.1.63" })
        #expect(address.severity == .error)
        #expect(address.problem == "is the broadcast address of prefix 'lab48' (192.168.1.48/28) but is allocated to gitlab; release it (`labdb ip release 192.168.1.63`)")
    }

    @Test("an A record pointing at an unallocated address in a prefix is an error")
    func recordToUnallocatedAddress() throws {
        let db = try SafetyScratch().seededDatabase()
        try db.execute("""
            INSERT INTO records(zone_id, name, type, value, view) VALUES ((SELECT id FROM zones LIMIT 1), 'ghost', 'A', '192.168.1.77', 'internal')
            """)
        let finding = try #require(try findings(db).first { $0.object.hasPrefix("record ghost.") })
        #expect(finding.severity == .error)
        #expect(finding.problem.contains("192.168.1.77, which is not allocated"))
    }

    @Test("a VM disk in a pool of another host is an error naming the VM")
    func diskOnAnotherHost() throws {
        let db = try SafetyScratch().seededDatabase()
        try db.execute("INSERT INTO machines(name, kind, cpus, ram_bytes) VALUES ('other', 'server', 4, 8589934592)")
        try db.execute("INSERT INTO pools(host_id, name, type, size_bytes, thin) VALUES ((SELECT id FROM machines WHERE name = 'other'), 'far', 'dir', 1099511627776, 0)")
        try db.execute("UPDATE disks SET pool_id = (SELECT id FROM pools WHERE name = 'far') WHERE machine_id = (SELECT id FROM machines WHERE name = 'vault')")
        let finding = try #require(try findings(db).first { $0.object == "vm vault" })
        #expect(finding.severity == .error)
        #expect(finding.problem.contains("pool far of host other"))
        #expect(finding.problem.contains("runs on z440"))
    }

    @Test("vCPU overcommit warns above 5:1 and fails above 10:1; RAM beyond the host fails")
    func overcommit() throws {
        let db = try SafetyScratch().seededDatabase()
        let hostCores = try #require(try db.scalar("SELECT cpus FROM machines WHERE name = 'z440'")?.int)
        let guestCPUs = try #require(try db.scalar("SELECT sum(cpus) FROM machines WHERE host_id = (SELECT id FROM machines WHERE name = 'z440')")?.int)
        // Shrink the host until the ratio is 6:1, then 11:1.
        try db.execute("UPDATE machines SET cpus = ? WHERE name = 'z440'", [.integer(guestCPUs / 6)])
        let warning = try #require(try findings(db).first { $0.object == "host z440" && $0.problem.contains("CPU") })
        #expect(warning.severity == .warning)
        try db.execute("UPDATE machines SET cpus = ? WHERE name = 'z440'", [.integer(max(1, guestCPUs / 11))])
        let error = try #require(try findings(db).first { $0.object == "host z440" && $0.problem.contains("CPU") })
        #expect(error.severity == .error)
        #expect(hostCores > guestCPUs / 6)
        try db.execute("UPDATE machines SET cpus = ?, ram_bytes = ? WHERE name = 'z440'", [.integer(hostCores), .integer(16 << 30)])
        let ram = try #require(try findings(db).first { $0.object == "host z440" && $0.problem.contains("RAM") })
        #expect(ram.severity == .error)
        #expect(ram.problem.contains("16 GiB"))
    }

    @Test("overlapping ranges are an error naming both")
    func overlappingRanges() throws {
        let db = try SafetyScratch().seededDatabase()
        let first = try #require(IPAddress("192.168.1.28")), last = try #require(IPAddress("192.168.1.31"))
        try db.execute("""
            INSERT INTO ranges(name, prefix_id, family, first, last, purpose) VALUES ('straddle', (SELECT id FROM prefixes LIMIT 1), 4, ?, ?, 'static')
            """, [.blob(first.bytes), .blob(last.bytes)])
        let overlaps = try findings(db).filter { $0.problem.contains("overlaps") }
        #expect(overlaps.count == 2)
        #expect(overlaps.allSatisfy { $0.severity == .error && ($0.object.contains("straddle") || $0.problem.contains("straddle")) })
        #expect(overlaps.contains { $0.problem.contains("192.168.1.28-192.168.1.29") })
    }

    @Test("a broken foreign key is reported before the lab's rules")
    func foreignKeyProblem() throws {
        let scratch = try SafetyScratch()
        _ = try scratch.seededDatabase()
        let raw = try Database(path: scratch.path("lab.db"))
        try raw.execute("PRAGMA foreign_keys = OFF")
        try raw.execute("UPDATE disks SET pool_id = 9999 WHERE id = (SELECT min(id) FROM disks)")
        let found = try findings(raw)
        #expect(found.contains { $0.object.hasPrefix("disks row") && $0.severity == .error && $0.problem.contains("pools") })
    }
}
