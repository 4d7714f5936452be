import Foundation
import LabIP
import LabModel
import LabStore
import Testing

/// A new address's position is the holder's highest + 1, read with one seek of the
/// (holder, position) index of migration 0008 (issue 17: bulk allocation was quadratic).
@Suite("IPAM: address positions")
struct IPAMPositionTests {
    func positions(_ lab: IPAMTestLab, _ column: String) throws -> [Int64] {
        try lab.db.query("SELECT position FROM addresses WHERE \(column) IS NOT NULL ORDER BY position").compactMap { $0.int("position") }
    }

    @Test("positions count per holder, continue after the highest past a release and past imported positions")
    func positionsAfterReleasesAndImports() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.200") + """

            vms:
              - name: b
                host: a
                addresses:
                  - ip: 10.0.0.1
                  - ip: 10.0.0.2
                  - ip: 10.0.0.3
            """)
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 3)
        try lab.allocator.allocate(fromRange: "pool", to: "svc", count: 2)
        #expect(try positions(lab, "service_id") == [0, 1])
        // Releasing a middle address leaves a hole; the next one goes after the highest, not into it.
        try lab.allocator.release(.of("10.0.0.11"))
        try lab.allocator.allocate(fromRange: "pool", to: "a")
        let a = try lab.db.query("""
            SELECT a.position FROM addresses a JOIN machines m ON m.id = a.machine_id WHERE m.name = 'a' ORDER BY a.position
            """).compactMap { $0.int("position") }
        #expect(a == [0, 2, 3])
        // The imported VM holds positions 0-2 from its lab file order: the next is 3.
        let next = try lab.allocator.allocate(fromRange: "pool", to: "b")
        #expect(try lab.db.scalar("SELECT position FROM addresses WHERE address = ?", [.blob(next[0].address.bytes)])?.int == 3)
    }

    @Test("a bulk allocation numbers its addresses 0..n-1 in address order, after the holder's own")
    func bulkPositions() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.1.0.0/16", first: "10.1.0.1", last: "10.1.255.254"))
        try lab.allocator.allocate(.of("10.1.200.1"), to: "a")
        let bulk = try lab.allocator.allocate(fromRange: "pool", to: "a", count: 2_000)
        #expect(bulk.count == 2_000)
        let rows = try lab.db.query("SELECT address, position FROM addresses WHERE machine_id IS NOT NULL ORDER BY position")
        #expect(rows.compactMap { $0.int("position") } == Array(0...2_000))
        // Address order and position order agree for the bulk part.
        let addresses = rows.dropFirst().compactMap { $0.bytes("address") }
        #expect(addresses == addresses.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("the next position is one seek of the (holder, position) index, for machines and services")
    func nextPositionUsesTheIndex() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.20"))
        for column in ["machine_id", "service_id"] {
            let plan = try lab.db.query("EXPLAIN QUERY PLAN SELECT position FROM addresses WHERE \(column) = ? ORDER BY position DESC LIMIT 1", [.integer(1)])
                .compactMap { $0.string("detail") }.joined(separator: "\n")
            #expect(plan.contains("INDEX addresses_\(column == "machine_id" ? "machine" : "service") (\(column)=?)"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }
}
