import Foundation
import LabModel
import LabOperations
import LabStore

/// `labdb-bench editor [--machines N] [--runs N] [--keep DIR]`: one shell write on a large
/// lab (the inventory benchmark's generated lab, plus a zone with a record per machine):
/// `add records`, `add ranges`, `add prefixes`, `add pools`, each checked against its
/// neighbourhood (labdb) and, as the baseline, through the whole-lab path it replaced
/// (`QueryExecutor.editsCheckWholeLab`), both in process, alternating run by run. Each add
/// is undone (untimed) before the next, so every run starts from the same lab.
enum EditorBenchmark {
    /// One timed statement and the one that undoes it.
    struct Edit {
        let what: String
        let add: String
        let undo: String
    }

    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments)
        let machines = Int(options["--machines"] ?? "10000") ?? 10_000
        let runs = Int(options["--runs"] ?? "5") ?? 5
        let folder = options["--keep"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-editor-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if options["--keep"] == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let db = try LabDatabase.open(path: folder + "/lab.db")
        let lab = labWithRecords(machines: machines)
        try LabImporter(database: db).apply(lab)
        db.changeContext = ChangeContext(user: "bench", command: "labdb-bench editor")
        BenchTable.note("lab: \(machines) machines, \(lab.allocations.count) addresses, \(lab.records.count) records, \(lab.pools.count) pools in \(folder)")

        let neighbourhood = try QueryExecutor(database: db)
        let wholeLab = try QueryExecutor(database: db)
        wholeLab.editsCheckWholeLab = true
        let size = "\(BenchTable.grouped(machines)) machines"
        let edits = [
            Edit(what: "add records (CNAME; \(size), \(BenchTable.grouped(lab.records.count)) records)",
                 add: "add records alias zone = bench.example, type = CNAME, value = vm-101.bench.example, view = internal",
                 undo: "delete records alias.bench.example"),
            Edit(what: "add ranges (in a free prefix; \(size))",
                 add: "add ranges spare-10 first = 10.1.0.10, last = 10.1.0.99, purpose = static",
                 undo: "delete range spare-10"),
            Edit(what: "add prefixes (a new /24; \(size))",
                 add: "add prefixes lab-new cidr = 10.2.0.0/24, gateway = 10.2.0.1",
                 undo: "delete prefix lab-new"),
            Edit(what: "add pools (on a host; \(size))",
                 add: "add pools bench-fast host = pve-3, type = zfs, size = 1T",
                 undo: "delete pool bench-fast"),
        ]
        var table = BenchTable()
        var slowest = 0.0
        for edit in edits {
            var fast: [Double] = [], full: [Double] = []
            for _ in 0..<runs {
                fast.append(try timed(edit, on: neighbourhood))
                full.append(try timed(edit, on: wholeLab))
            }
            let fastMedian = BenchClock.percentile(fast, 50), fullMedian = BenchClock.percentile(full, 50)
            BenchTable.note("\(edit.what): neighbourhood \(fast.map(BenchTable.ms)), whole lab \(full.map(BenchTable.ms))")
            slowest = max(slowest, fastMedian)
            table.add([edit.what, BenchTable.ms(fastMedian), BenchTable.ms(fullMedian), BenchTable.ratio(fastMedian, fullMedian)])
        }
        table.footnote("Medians of \(runs) alternating runs, in process, each add undone before the next; "
                       + "baseline: the same statement through the whole-lab path (load, write as YAML, parse, validate, plan the whole lab).")
        table.footnote("target ≤ 20 ms per add: \(slowest <= 20 ? "met" : "NOT met") (slowest \(BenchTable.ms(slowest)))")
        table.print()
    }

    /// Runs the add (timed), checks it was accepted, then undoes it (untimed).
    private static func timed(_ edit: Edit, on executor: QueryExecutor) throws -> Double {
        let start = BenchClock.now()
        let result = try executor.run(edit.add)
        let elapsed = Double(BenchClock.now() - start) / 1_000_000
        guard case .message = result else { throw BenchFailure("\(edit.add) did not add") }
        _ = try executor.run(edit.undo)
        return elapsed
    }

    /// The generated lab with a zone holding an A record per machine and a spare prefix
    /// (the generated ranges fill 10.0.0.0/16) for the new range.
    static func labWithRecords(machines: Int) -> Lab {
        var lab = InventoryBenchmark.generatedLab(machines: machines)
        lab.prefixes.append(Prefix(cidr: .init("10.1.0.0/16")!, name: "spare", description: "free space for the benchmark's range"))
        lab.zones = [Zone(name: "bench.example", description: "generated")]
        lab.records = lab.allocations.compactMap { allocation in
            guard case .machine(let name) = allocation.holder else { return nil }
            return Record(zone: "bench.example", name: name, type: .a, value: allocation.address.description, view: .internal)
        }
        return lab.normalized()
    }
}
