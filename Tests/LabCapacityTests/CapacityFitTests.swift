import LabCapacity
import LabIP
import LabModel
import Testing

/// Placement on generated labs of several hosts, stored in real databases, with exact answers.
@Suite("Capacity: fit on generated labs")
struct CapacityFitTests {
    let gib = CapacityTestLab.gib

    func shape(cpus: Int, ramGiB: Int64, disks: [(Int64, String)] = []) -> VMShape {
        VMShape(cpus: cpus, ram: ByteSize(bytes: ramGiB * gib), disks: disks.map { DiskRequest(size: ByteSize(bytes: $0.0 * gib), pool: $0.1) })
    }

    func plan(_ builder: CapacityTestLab.Builder, _ request: FitRequest, limits: CapacityLimits = CapacityLimits()) throws -> FitResult {
        try FitPlanner(lab: try CapacityTestLab.stored(builder.lab), limits: limits).plan(request)
    }

    /// Three equal hosts: 8 cores, 32 GiB with a 2 GiB reserve, a 500 GiB thick pool.
    var threeEqualHosts: CapacityTestLab.Builder {
        var lab = CapacityTestLab.Builder()
        for name in ["hv-a", "hv-b", "hv-c"] {
            lab.host(name, cores: 8, ramGiB: 32, reserveGiB: 2, pools: [("ssd", 500, false)])
        }
        return lab
    }

    @Test func equalHostsAreFilledRoundRobin() throws {
        let result = try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 4, ramGiB: 8, disks: [(100, "ssd")]), count: 4))
        // Per host: vCPU 32/4 = 8, RAM 30/8 = 3, disk 500/100 = 5: RAM allows 3.
        #expect(result.hosts.map(\.fitsBefore) == [3, 3, 3])
        #expect(result.placements == ["hv-a", "hv-b", "hv-c", "hv-a"])
        #expect(result.hosts.map(\.placed) == [2, 1, 1])
        #expect(result.fits)
        #expect(result.totalThatFit == 9)
        #expect(result.moreAfterRequest == 5)
        #expect(result.runsOutFirst == [.ram])
        #expect(result.resourceTotals.map(\.fits) == [24, 9, 15])
        #expect(result.hosts.allSatisfy { $0.limitedBy == [.ram] })
    }

    @Test func theHostWithMostHeadroomTakesVMsUntilTheOthersCatchUp() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("big", cores: 16, ramGiB: 64, reserveGiB: 4)
        lab.host("small", cores: 8, ramGiB: 16)
        lab.guest("db", on: "big", cpus: 4, ramGiB: 20)
        let result = try plan(lab, FitRequest(shape: shape(cpus: 2, ramGiB: 4), count: 9))
        // big: vCPU (64-4)/2 = 30, RAM (60-20)/4 = 10 -> 10; small: vCPU 32/2 = 16, RAM (16-1)/4 = 3 -> 3.
        #expect(result.hosts.map(\.host) == ["big", "small"])
        #expect(result.hosts.map(\.fitsBefore) == [10, 3])
        // Seven on big bring it level with small (3 each); the tie goes to small (15 GiB free vs 12),
        // then big has 3 against small's 2.
        #expect(result.placements == Array(repeating: "big", count: 7) + ["small", "big"])
        #expect(result.totalThatFit == 13)
        #expect(result.moreAfterRequest == 4)
        #expect(result.runsOutFirst == [.ram])
        #expect(result.resourceTotals.map(\.fits) == [46, 13])
    }

    @Test func aRequestLargerThanTheLabSaysHowManyFitAndWhatRunsOut() throws {
        let result = try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 2, ramGiB: 2, disks: [(120, "ssd")]), count: 20))
        // disk 500/120 = 4 per host; RAM 30/2 = 15; vCPU 32/2 = 16.
        #expect(!result.fits)
        #expect(result.placements.count == 12)
        #expect(result.totalThatFit == 12)
        #expect(result.moreAfterRequest == 0)
        #expect(result.runsOutFirst == [.disk(pool: "ssd")])
        #expect(result.verdict == "20 VMs of 2 vCPU, 2 GiB RAM, 120 GiB@ssd do not fit: 12 of 20 can be placed; disk@ssd runs out first")
    }

    @Test func thinPoolsFillUpToTheirWarningLevel() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("hv", cores: 32, ramGiB: 256, pools: [("thin", 1000, true)])
        lab.guest("old", on: "hv", cpus: 1, ramGiB: 1, disks: [(700, "thin")])
        let request = FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(50, "thin")]), count: 1)
        // 80% of 1000 GiB is 800 GiB; 700 allocated leaves 100 GiB: two 50 GiB disks.
        let atDefault = try plan(lab, request)
        #expect(atDefault.totalThatFit == 2)
        #expect(atDefault.runsOutFirst == [.disk(pool: "thin")])
        var limits = CapacityLimits()
        try limits.set(flag: "--thin-warn", to: "90%")
        try limits.set(flag: "--thin-critical", to: "95")
        #expect(try plan(lab, request, limits: limits).totalThatFit == 4)
    }

    @Test func thickPoolsFillToTheirSize() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("hv", cores: 32, ramGiB: 256, pools: [("thick", 1000, false)])
        lab.guest("old", on: "hv", cpus: 1, ramGiB: 1, disks: [(700, "thick")])
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(50, "thick"), (25, "thick")]), count: 1))
        // Two disks in the same pool add up: 75 GiB per VM, 300 GiB free.
        #expect(result.hosts[0].resources.last == ResourceHeadroom(resource: .disk(pool: "thick"), limit: 1000 * gib, committed: 700 * gib, perVM: 75 * gib))
        #expect(result.totalThatFit == 4)
    }

    @Test func vcpuTargetIsConfigurableButNotAboveTheMaximum() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("hv", cores: 4, ramGiB: 1024)
        lab.guest("busy", on: "hv", cpus: 4, ramGiB: 1)
        let request = FitRequest(shape: shape(cpus: 2, ramGiB: 1), count: 1)
        #expect(try plan(lab, request).totalThatFit == 6)      // (16 - 4) / 2
        var limits = CapacityLimits()
        try limits.set(flag: "--vcpu-target", to: "8:1")
        #expect(try plan(lab, request, limits: limits).totalThatFit == 14)  // (32 - 4) / 2
        try limits.set(flag: "--vcpu-target", to: "11")
        #expect(throws: CapacityError.self) { try plan(lab, request, limits: limits) }
    }

    @Test func aVMWithMoreVCPUsThanAnyHostsCoresIsRefused() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("eight", cores: 8, ramGiB: 64)
        lab.host("twelve", cores: 12, ramGiB: 64)
        lab.guest("g", on: "eight", cpus: 1, ramGiB: 1)
        lab.guest("h", on: "twelve", cpus: 1, ramGiB: 1)
        let error = CapacityError.tooManyVCPUs(cpus: 16, largestHost: "twelve", cores: 12)
        #expect(throws: error) { try plan(lab, FitRequest(shape: shape(cpus: 16, ramGiB: 1))) }
        #expect(error.description.contains("the largest host, twelve, has 12"))
        // Ten vCPUs fit only on the twelve-core host.
        let result = try plan(lab, FitRequest(shape: shape(cpus: 10, ramGiB: 1), count: 2))
        #expect(result.hosts.first { $0.host == "eight" }?.excluded == "the VM's 10 vCPUs exceed its 8 cores")
        #expect(result.placements == ["twelve", "twelve"])
        #expect(result.totalThatFit == 4)   // (48 - 1) / 10
    }

    @Test func anUnknownPoolIsAnErrorWithASuggestion() throws {
        #expect(throws: CapacityError.unknownPool(name: "sdd", suggestion: "ssd")) {
            try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(10, "sdd")])))
        }
        #expect(throws: CapacityError.unknownPool(name: "tape", suggestion: nil)) {
            try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(10, "tape")])))
        }
    }

    @Test func aHostWithoutThePoolIsExcluded() throws {
        var lab = threeEqualHosts
        lab.host("hv-d", cores: 64, ramGiB: 512, pools: [("nvme", 2000, false)])
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(10, "nvme")]), count: 2))
        #expect(result.placements == ["hv-d", "hv-d"])
        #expect(result.hosts.filter { $0.excluded == "it has no pool nvme" }.map(\.host) == ["hv-a", "hv-b", "hv-c"])
    }

    @Test func poolsSpreadOverDifferentHostsFitNowhere() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("fast", cores: 8, ramGiB: 32, pools: [("ssd", 500, false)])
        lab.host("slow", cores: 8, ramGiB: 32, pools: [("hdd", 4000, false)])
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1, disks: [(10, "ssd"), (100, "hdd")])))
        #expect(!result.fits)
        #expect(result.totalThatFit == 0)
        #expect(result.hosts.map(\.excluded) == ["it has no pool hdd", "it has no pool ssd"])
        #expect(result.notes == ["no single host has all of the pools ssd, hdd with enough cores; see each host's reason"])
        #expect(result.runsOutFirst.isEmpty)
    }

    @Test func hostsWithNoResourcesAreNotedOrRefused() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("bare", cores: nil, ramGiB: nil, pools: [("ssd", 100, false)])
        #expect(throws: CapacityError.noHostsWithResources(skipped: ["bare"])) {
            try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1)))
        }
        lab.host("real", cores: 4, ramGiB: 8, pools: [("ssd", 100, false)])
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1)))
        #expect(result.hosts.map(\.host) == ["real"])
        #expect(result.notes == ["bare: no cpus or ram recorded, so it cannot be planned on; set them in the lab file"])
        let report = CapacityReport(lab: try CapacityTestLab.stored(lab.lab))
        #expect(report.findings.contains { $0.object == "bare" && $0.level == .note && $0.message.contains("no cpus and ram recorded") })
    }

    @Test func disabledGuestsCommitNoCPUOrRAMButKeepTheirDisks() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("hv", cores: 8, ramGiB: 17, pools: [("ssd", 100, false)])
        lab.guest("on", on: "hv", cpus: 2, ramGiB: 4, disks: [(10, "ssd")])
        lab.guest("off", on: "hv", cpus: 4, ramGiB: 8, enabled: false, disks: [(30, "ssd")])
        let report = CapacityReport(lab: try CapacityTestLab.stored(lab.lab))
        let host = try #require(report.host(named: "hv"))
        #expect(host.vcpusCommitted == 2)
        #expect(host.ramCommitted == 4 * gib)
        #expect(host.guests == 1)
        #expect(host.disabledGuests == 1)
        #expect(report.pools[0].allocated == 40 * gib)
        #expect(report.pools[0].disks == 2)
    }

    @Test func disabledHostsAreNeverChosen() throws {
        var lab = threeEqualHosts
        lab.lab.machines = lab.lab.machines.map { var machine = $0; if machine.name == "hv-a" { machine.enabled = false }; return machine }
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1), count: 2))
        #expect(result.hosts.map(\.host) == ["hv-b", "hv-c"])
        #expect(result.placements == ["hv-b", "hv-c"])
        #expect(result.notes == ["hv-a: disabled, so no VMs are placed on it"])
    }

    @Test func restrictingToHostsAndUnknownHosts() throws {
        let result = try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 1, ramGiB: 1), count: 3, hosts: ["HV-C"]))
        #expect(result.placements == ["hv-c", "hv-c", "hv-c"])
        #expect(throws: CapacityError.unknownHost(name: "hv-x", suggestion: "hv-a")) {
            try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 1, ramGiB: 1), hosts: ["hv-x"]))
        }
    }

    @Test func aRangeMustHoldAnAddressPerVM() throws {
        var lab = threeEqualHosts
        lab.range("workers", size: 5, used: 3)
        let result = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1), count: 3, range: "workers"))
        #expect(!result.fits)
        #expect(result.range?.free == 2)
        #expect(result.placements.count == 2)
        #expect(result.totalThatFit == 2)
        #expect(result.runsOutFirst == [.addresses(range: "workers")])
        #expect(result.verdict.hasSuffix("do not fit: 2 of 3 can be placed and range workers has only 2 free addresses; addresses@workers runs out first"))
        let two = try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1), count: 2, range: "workers"))
        #expect(two.fits)
        #expect(two.moreAfterRequest == 0)
        #expect(throws: CapacityError.unknownRange(name: "worker", suggestion: "workers")) {
            try plan(lab, FitRequest(shape: shape(cpus: 1, ramGiB: 1), range: "worker"))
        }
    }

    @Test func badShapesAreRefused() throws {
        #expect(throws: CapacityError.self) { try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 0, ramGiB: 1))) }
        #expect(throws: CapacityError.self) { try plan(threeEqualHosts, FitRequest(shape: shape(cpus: 1, ramGiB: 1), count: 0)) }
        #expect(throws: CapacityError.self) { try DiskRequest(parsing: "50G") }
        #expect(throws: CapacityError.self) { try DiskRequest(parsing: "lots@ssd") }
        #expect(try DiskRequest(parsing: "1.5T@ssd") == DiskRequest(size: ByteSize(bytes: 1536 * gib), pool: "ssd"))
    }

    @Test func placementMatchesAStraightforwardScanOnAVariedLab() throws {
        // Twelve hosts of varied sizes with a few guests each; the planner's heap must choose
        // exactly as a plain scan over the rule (most VMs left, then most RAM left, then name).
        var lab = CapacityTestLab.Builder()
        var hosts: [(name: String, vcpuLimit: Int, ram: Int64, committedCPU: Int, committedRAM: Int64)] = []
        for index in 0..<12 {
            let name = "node-\(String(index + 10))"
            let cores = 4 + (index * 5) % 13
            let ram = Int64(16 + (index * 7) % 48)
            lab.host(name, cores: cores, ramGiB: ram, reserveGiB: 2)
            var cpu = 0, used: Int64 = 0
            for guest in 0..<(index % 4) {
                lab.guest("\(name)-g\(guest)", on: name, cpus: 1 + guest, ramGiB: Int64(2 + guest))
                cpu += 1 + guest; used += Int64(2 + guest)
            }
            hosts.append((name, cores * 4, (ram - 2) * gib, cpu, used * gib))
        }
        let shape = shape(cpus: 2, ramGiB: 3)
        var placed = Array(repeating: 0, count: hosts.count)
        func left(_ i: Int) -> (fits: Int, ram: Int64) {
            let cpu = (hosts[i].vcpuLimit - hosts[i].committedCPU) / 2 - placed[i]
            let ramLeft = hosts[i].ram - hosts[i].committedRAM - Int64(placed[i]) * 3 * gib
            return (min(cpu, Int(ramLeft / (3 * gib))), ramLeft)
        }
        var expected: [String] = []
        while expected.count < 40 {
            var best: Int?
            for i in hosts.indices where left(i).fits > 0 {
                guard let current = best else { best = i; continue }
                let (a, b) = (left(i), left(current))
                if a.fits > b.fits || (a.fits == b.fits && a.ram > b.ram) { best = i }
            }
            guard let best else { break }
            placed[best] += 1
            expected.append(hosts[best].name)
        }
        let result = try plan(lab, FitRequest(shape: shape, count: 40))
        #expect(result.placements == expected)
        #expect(result.placements.count == min(40, result.totalThatFit))
        #expect(Set(result.placements).count > 6)
    }
}
