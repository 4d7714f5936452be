import Foundation
import LabExport
import LabModel

/// `labdb-bench inventory [--hosts N] [--runs N] [--db PATH] [--labdb BIN] [--baseline SCRIPT] [--ansible]`:
/// times `labdb inventory --list` (the release binary, as Ansible runs it) on a generated
/// lab, next to the Python baseline that builds the same JSON from the same SQLite file,
/// and prints a table.
enum InventoryBenchmark {
    static func run(_ arguments: [String]) throws {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            if flag == "--ansible" || flag == "--reuse" { options[flag] = "yes"; index += 1; continue }
            guard index + 1 < arguments.count else { throw BenchFailure("\(flag) needs a value") }
            options[flag] = arguments[index + 1]
            index += 2
        }
        let hosts = Int(options["--hosts"] ?? "10000") ?? 10000
        let runs = Int(options["--runs"] ?? "15") ?? 15
        let path = options["--db"] ?? NSTemporaryDirectory() + "labdb-bench-inventory-\(getpid()).db"
        let labdb = options["--labdb"] ?? ".build/release/labdb"
        let baseline = options["--baseline"] ?? "scripts/inventory-baseline.py"

        let reuse = options["--reuse"] != nil && FileManager.default.fileExists(atPath: path)
        if !reuse { try? FileManager.default.removeItem(atPath: path) }
        let generateStart = BenchClock.now()
        let db = try LabDatabase.open(path: path)
        if !reuse { try LabImporter(database: db).apply(generatedLab(machines: hosts)) }
        let generateMs = Double(BenchClock.now() - generateStart) / 1_000_000
        BenchTable.note("\(reuse ? "reused" : "generated") lab: \(hosts) machines in \(path) (\(Int(generateMs)) ms)")

        let environment = ["LABDB_DB": path]
        // The interpreter itself, resolved once by the script: a pyenv shim would add 60-70 ms a run.
        let python = options["--python"] ?? "/usr/bin/python3"
        BenchTable.note("python baseline: \(python)")
        let listing = try ProcessTimer([labdb, "inventory", "--list"], environment: environment)
        let minimal = try ProcessTimer([labdb, "inventory", "--list", "--facts", "minimal"], environment: environment)
        let script = try ProcessTimer([python, baseline, path], environment: environment)
        // labdb and the baseline take turns (A B A B ...), so that drift on a shared machine hits both alike.
        let (labdbRuns, pythonRuns) = try BenchClock.alternating(runs, { try listing.run() }, { try script.run() })
        let (minimalRuns, pythonRuns2) = try BenchClock.alternating(runs, { try minimal.run() }, { try script.run() })
        var bytes = 0
        let inProcess = try BenchClock.sample(runs) { bytes = try InventoryWriter.list(db).count }

        let machines = BenchTable.grouped(hosts)
        var table = BenchTable()
        let labdbMedian = BenchClock.percentile(labdbRuns, 50), pythonMedian = BenchClock.percentile(pythonRuns, 50)
        table.add(["`labdb inventory --list`, \(machines) hosts (\(listing.bytes / 1024) KiB of JSON), as processes", BenchTable.ms(labdbMedian),
                   "Python building the same JSON from the same file: \(BenchTable.ms(pythonMedian))", BenchTable.ratio(labdbMedian, pythonMedian)])
        let minimalMedian = BenchClock.percentile(minimalRuns, 50), pythonMedian2 = BenchClock.percentile(pythonRuns2, 50)
        table.add(["the same with `--facts minimal` (\(minimal.bytes / 1024) KiB)", BenchTable.ms(minimalMedian),
                   "the same Python script: \(BenchTable.ms(pythonMedian2))", BenchTable.ratio(minimalMedian, pythonMedian2)])
        table.add(["the same document in-process (read + write, no exec; \(bytes / 1024) KiB)", BenchTable.ms(BenchClock.percentile(inProcess, 50)), "", ""])
        if options["--ansible"] != nil {
            // What every playbook run pays on top: Ansible's own parse of the inventory.
            let wrapper = URL(fileURLWithPath: labdb).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("scripts/ansible-inventory").path
            var medians: [String: Double] = [:]
            for facts in ["minimal", "full"] {
                let variables = environment.merging(["ANSIBLE_INVENTORY_UNPARSED_FAILED": "true", "LABDB_BIN": labdb, "LABDB_INVENTORY_FACTS": facts]) { $1 }
                let ansible = try ProcessTimer(["/usr/bin/env", "ansible", "all", "-i", wrapper, "--list-hosts"], environment: variables)
                medians[facts] = BenchClock.percentile(try BenchClock.sample(3) { try ansible.run() }, 50)
            }
            table.add(["Ansible's own parse of that inventory (`ansible all --list-hosts`), minimal facts", BenchTable.ms(medians["minimal"] ?? .nan),
                       "full facts: \(BenchTable.ms(medians["full"] ?? .nan))", ""])
        }
        table.footnote("Runs alternate labdb and Python (median of \(runs) each). Target: `labdb inventory --list` for \(machines) hosts "
                       + "in ≤ 100 ms: \(labdbMedian <= 100 ? "met" : "NOT met").")
        table.print()
        if options["--db"] == nil { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// A benchmark's own failure, printed as one line.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
