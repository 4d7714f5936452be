import Foundation
import LabCapacity
import LabIP
import LabModel
import Testing

/// The seed lab's capacity, with every figure recomputed here from the seed's own values.
@Suite("Capacity: seed lab")
struct CapacitySeedTests {
    let seed: Lab
    let stored: Lab
    let report: CapacityReport

    init() throws {
        seed = try CapacityTestLab.seed()
        stored = try CapacityTestLab.stored(seed)
        report = CapacityReport(lab: stored)
    }

    var z440Guests: [Machine] { seed.machines.filter { $0.host == "z440" && $0.enabled } }

    @Test func z440CoresAgainstCommittedVCPUs() throws {
        let host = try #require(report.host(named: "z440"))
        let expected = z440Guests.reduce(0) { $0 + ($1.cpus ?? 0) }
        #expect(host.cores == 12)
        #expect(host.vcpusCommitted == expected)
        #expect(host.vcpusCommitted == 38)
        #expect(host.vcpuRatio == Double(expected) / 12)
        #expect(host.guests == z440Guests.count)
    }

    @Test func z440RAMAfterItsReserve() throws {
        let host = try #require(report.host(named: "z440"))
        let machine = try #require(seed.machine(named: "z440"))
        let reserve = try #require(machine.ramReserve)
        let committed = z440Guests.reduce(Int64(0)) { $0 + ($1.ram?.bytes ?? 0) }
        #expect(host.reserve == reserve)
        #expect(host.reserveRecorded)
        #expect(host.ramAvailable == machine.ram!.bytes - reserve.bytes)
        #expect(host.ramAvailable == 92 * CapacityTestLab.gib)
        #expect(host.ramCommitted == committed)
        #expect(host.ramFree == 92 * CapacityTestLab.gib - committed)
    }

    @Test func hostsWithoutAReserveGetTheDefaultOf1GiB() throws {
        let pi = try #require(report.host(named: "edge-pi-01"))
        #expect(!pi.reserveRecorded)
        #expect(pi.reserve.bytes == CapacityTestLab.gib)
        #expect(pi.ramAvailable == 7 * CapacityTestLab.gib)
        let router = try #require(report.host(named: "router"))
        #expect(!router.hasResources)
        #expect(report.hostsTable().rows.first { $0[0] == .text("router") }?.last == .text("no resources"))
    }

    @Test func poolsAgainstTheGuestDisksInThem() throws {
        for pool in seed.pools {
            let disks = seed.disks.filter { disk in
                disk.pool == pool.name && seed.machine(named: disk.machine)?.host == pool.host
            }
            let usage = try #require(report.pools.first { $0.host == pool.host && $0.name == pool.name })
            #expect(usage.size == pool.size)
            #expect(usage.allocated == disks.reduce(0) { $0 + $1.size.bytes }, "pool \(pool.name)")
            #expect(usage.disks == disks.count)
            #expect(usage.thin == pool.thin)
        }
        let lvm = try #require(report.pools.first { $0.name == "local-lvm" })
        #expect(lvm.allocated == 750 * CapacityTestLab.gib)
        #expect(lvm.fraction == 750.0 / 800.0)
        let longhorn = try #require(report.pools.first { $0.name == "longhorn-pool" })
        #expect(longhorn.allocated == 900 * CapacityTestLab.gib)
    }

    @Test func clusterTotalsAre20GiBForMgmtAnd48GiBForProd() throws {
        let mgmt = try #require(report.clusters.first { $0.name == "mgmt" })
        let prod = try #require(report.clusters.first { $0.name == "prod" })
        #expect(mgmt.ram == 20 * CapacityTestLab.gib)
        #expect(prod.ram == 48 * CapacityTestLab.gib)
        for cluster in report.clusters {
            let members = seed.nodes.filter { $0.cluster == cluster.name }.compactMap { seed.machine(named: $0.machine) }
            #expect(cluster.nodes == members.count)
            #expect(cluster.ram == members.reduce(0) { $0 + ($1.ram?.bytes ?? 0) })
            #expect(cluster.cpus == members.reduce(0) { $0 + ($1.cpus ?? 0) })
        }
        #expect(mgmt.hosts == ["z440"])
        let table = report.clustersTable()
        #expect(table.rows.first { $0[0] == .text("mgmt") }?[3].display == "20 GiB")
        #expect(table.rows.first { $0[0] == .text("prod") }?[3].display == "48 GiB")
    }

    @Test func rangesUsedAndFree() throws {
        #expect(report.ranges.count == seed.ranges.count)
        for range in seed.ranges {
            let used = seed.allocations.filter { range.bounds.contains($0.address) }.count
            let usage = try #require(report.ranges.first { $0.name == range.name })
            #expect(usage.used == UInt128(used), "range \(range.name)")
            #expect(usage.free == range.bounds.count - UInt128(used))
        }
        let metallb = try #require(report.ranges.first { $0.name == "metallb" })
        #expect(metallb.size == 51)
        #expect(metallb.used == 2)
    }

    @Test func theOverfullThinPoolIsCritical() {
        // 750 of 800 GiB is 93.75%: above the 90% critical level.
        #expect(report.findings.first?.level == .critical)
        #expect(report.findings.first?.object == "z440/local-lvm")
        #expect(report.findings.filter { $0.level != .note }.count == 1)
    }

    @Test func threeMoreProductionWorkersDoNotFitAndSayWhy() throws {
        let shape = VMShape(cpus: 4, ram: ByteSize("12G")!, disks: [try DiskRequest(parsing: "50G@local-lvm"), try DiskRequest(parsing: "300G@longhorn-pool")])
        let result = try FitPlanner(lab: stored).plan(FitRequest(shape: shape, count: 3))
        let host = try #require(report.host(named: "z440"))
        let gib = CapacityTestLab.gib
        let vcpuFits = (12 * 4 - host.vcpusCommitted) / 4
        let ramFits = Int(max(0, host.ramFree!) / (12 * gib))
        let lvmFits = max(0, Int((800 * gib * 8 / 10 - 750 * gib) / (50 * gib)))
        let longhornFits = Int((4096 * gib * 8 / 10 - 900 * gib) / (300 * gib))
        #expect(result.hosts.map(\.host) == ["z440"])
        #expect(result.hosts[0].resources.map(\.fits) == [vcpuFits, ramFits, lvmFits, longhornFits])
        #expect([vcpuFits, ramFits, lvmFits, longhornFits] as [Int] == [2, 0, 0, 7])
        #expect(!result.fits)
        #expect(result.placements.isEmpty)
        #expect(result.totalThatFit == 0)
        #expect(result.runsOutFirst == [.ram, .disk(pool: "local-lvm")])
        #expect(result.verdict.contains("do not fit"))
    }

    @Test func aSmallWorkerOnLonghornFitsOnceWithinTheProdRange() throws {
        let shape = VMShape(cpus: 2, ram: ByteSize("3G")!, disks: [DiskRequest(size: ByteSize("100G")!, pool: "longhorn-pool")])
        let result = try FitPlanner(lab: stored).plan(FitRequest(shape: shape, count: 2, range: "prod"))
        // 7.5 GiB free: two of 3 GiB fit, a third would not.
        #expect(result.fits)
        #expect(result.placements == ["z440", "z440"])
        #expect(result.totalThatFit == 2)
        #expect(result.moreAfterRequest == 0)
        #expect(result.range?.free == 14)
        #expect(result.runsOutFirst == [.ram])
    }

    @Test func narrowingToAHostKeepsItsRowsAndSuggestsNames() throws {
        let narrowed = try report.narrowed(toHost: "Z440")
        #expect(narrowed.hosts.map(\.name) == ["z440"])
        #expect(narrowed.pools.map(\.name) == ["local", "local-lvm", "longhorn-pool"])
        #expect(narrowed.findings.map(\.object) == ["z440/local-lvm"])
        #expect(throws: CapacityError.unknownHost(name: "z44", suggestion: "z440")) { try report.narrowed(toHost: "z44") }
    }

    @Test func theStoredLabGivesTheSameReportAsTheParsedOne() {
        #expect(CapacityReport(lab: seed.normalized()) == report)
    }
}
