import Foundation
import LabCapacity
import LabIP
import LabModel
import LabStore

/// `labdb-bench capacity [HOSTS] [GUESTS_PER_HOST] [--runs N]`: the capacity report and
/// placement on a generated lab (default 1,000 hosts with 20 guests each), each as its command
/// does it (load the lab from the database, then report or plan), against the baseline of
/// loading the lab alone. The two alternate run by run.
enum CapacityBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments.drop { !$0.hasPrefix("--") }.map { $0 })
        let positional = arguments.prefix { !$0.hasPrefix("--") }
        let hostCount = positional.first.flatMap { Int($0) } ?? 1000
        let guestsPerHost = positional.dropFirst().first.flatMap { Int($0) } ?? 20
        let runs = Int(options["--runs"] ?? "") ?? 11
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-capacity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try LabDatabase.open(path: folder.appendingPathComponent("lab.db").path)
        try LabImporter(database: db).apply(generated(hosts: hostCount, guestsPerHost: guestsPerHost))

        let lab = try Lab(database: db)
        let shape = VMShape(cpus: 2, ram: ByteSize("4G")!, disks: [DiskRequest(size: ByteSize("50G")!, pool: "ssd"),
                                                                     DiskRequest(size: ByteSize("200G")!, pool: "thin")])
        let everything = try FitPlanner(lab: lab).plan(FitRequest(shape: shape, count: 1)).totalThatFit
        BenchTable.note("capacity: \(hostCount) hosts, \(hostCount * guestsPerHost) guests, \(lab.disks.count) disks, \(lab.pools.count) pools; \(runs) runs each")

        var table = BenchTable()
        func row(_ what: String, _ command: () throws -> Void) throws {
            let (measured, baseline) = try BenchClock.alternating(runs, command, { _ = try Lab(database: db) })
            let m = BenchClock.percentile(measured, 50), b = BenchClock.percentile(baseline, 50)
            table.add([what, BenchTable.ms(m), BenchTable.ms(b) + " (load the lab)", BenchTable.ratio(m, b)])
        }
        let guests = BenchTable.grouped(hostCount * guestsPerHost), hosts = BenchTable.grouped(hostCount)
        try row("capacity report as a table, \(hosts) hosts and \(guests) guests") {
            _ = CapacityReport(lab: try Lab(database: db)).document().render(.table)
        }
        try row("fit --count 1 (2 vCPU, 4G, two disks)") {
            _ = try FitPlanner(lab: try Lab(database: db)).plan(FitRequest(shape: shape, count: 1))
        }
        try row("fit --count \(BenchTable.grouped(everything)) (all that fit)") {
            _ = try FitPlanner(lab: try Lab(database: db)).plan(FitRequest(shape: shape, count: everything))
        }
        table.footnote("labdb: load the lab from the database, then report or plan, as the command does; baseline: the load alone. "
                       + "Median of \(runs) alternating runs, in-process.")
        table.print()
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
