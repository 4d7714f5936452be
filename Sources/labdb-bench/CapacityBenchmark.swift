import Foundation
import LabCapacity
import LabIP
import LabModel
import LabStore

/// `labdb-bench capacity [HOSTS] [GUESTS_PER_HOST]`: the capacity report and placement on a
/// generated lab, against the baseline of loading the lab from the database (which every
/// capacity command does first).
enum CapacityBenchmark {
    static func run(_ arguments: [String]) throws {
        let hostCount = arguments.first.flatMap { Int($0) } ?? 1000
        let guestsPerHost = arguments.dropFirst().first.flatMap { Int($0) } ?? 20
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-capacity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try LabImporter(database: db).apply(generated(hosts: hostCount, guestsPerHost: guestsPerHost))

        let lab = try Lab(database: db)
        let shape = VMShape(cpus: 2, ram: ByteSize("4G")!, disks: [DiskRequest(size: ByteSize("50G")!, pool: "ssd"),
                                                                     DiskRequest(size: ByteSize("200G")!, pool: "thin")])
        let planner = FitPlanner(lab: lab)
        let everything = try planner.plan(FitRequest(shape: shape, count: 1)).totalThatFit
        let rows: [(String, [Double])] = [
            ("baseline: Lab(database:) load", try BenchClock.sample(10) { _ = try Lab(database: db) }),
            ("report: CapacityReport(lab:)", BenchClock.sample(10) { _ = CapacityReport(lab: lab) }),
            ("report rendered as table", BenchClock.sample(10) { _ = CapacityReport(lab: lab).document().render(.table) }),
            ("fit --count 1", try BenchClock.sample(10) { _ = try FitPlanner(lab: lab).plan(FitRequest(shape: shape, count: 1)) }),
            ("fit --count \(everything) (all that fit)", try BenchClock.sample(10) {
                _ = try FitPlanner(lab: lab).plan(FitRequest(shape: shape, count: everything)) }),
        ]
        print("capacity on \(hostCount) hosts, \(hostCount * guestsPerHost) guests, \(lab.disks.count) disks, \(lab.pools.count) pools")
        let width = rows.map(\.0.count).max() ?? 0
        print("case".padding(toLength: width, withPad: " ", startingAt: 0) + "   p50 ms   p90 ms")
        for (name, samples) in rows {
            print(name.padding(toLength: width, withPad: " ", startingAt: 0)
                  + String(format: " %8.2f %8.2f", BenchClock.percentile(samples, 50), BenchClock.percentile(samples, 90)))
        }
    }

    /// Hosts of 16-64 cores and 256-512 GiB with a thick and a thin pool, each with guests of 1-4 vCPUs.
    static func generated(hosts: Int, guestsPerHost: Int) -> Lab {
        var lab = Lab()
        let gib: Int64 = 1 << 30
        for h in 0..<hosts {
            let host = "hv-\(h)"
            lab.machines.append(Machine(name: host, kind: .server, cpus: 16 + (h % 4) * 16, ram: ByteSize(bytes: (256 + Int64(h % 2) * 256) * gib),
                                        ramReserve: ByteSize(bytes: 8 * gib)))
            lab.pools.append(Pool(host: host, name: "ssd", type: .lvm, size: ByteSize(bytes: 4096 * gib), thin: false))
            lab.pools.append(Pool(host: host, name: "thin", type: .lvmThin, size: ByteSize(bytes: 16384 * gib), thin: true))
            for g in 0..<guestsPerHost {
                let guest = "vm-\(h)-\(g)"
                lab.machines.append(Machine(name: guest, kind: .vm, host: host, cpus: 1 + g % 4, ram: ByteSize(bytes: Int64(2 + g % 6) * gib)))
                lab.disks.append(Disk(machine: guest, name: "scsi0", size: ByteSize(bytes: 32 * gib), pool: "ssd"))
                lab.disks.append(Disk(machine: guest, name: "scsi1", size: ByteSize(bytes: 100 * gib), pool: "thin"))
            }
        }
        return lab
    }
}
