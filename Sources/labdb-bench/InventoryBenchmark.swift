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
        print("\(reuse ? "reused" : "generated") lab: \(hosts) machines in \(path) (\(Int(generateMs)) ms)")

        var rows: [(String, [Double], Int)] = []
        var bytes = 0
        let inProcess = try BenchClock.sample(runs) { bytes = try InventoryWriter.list(db).count }
        rows.append(("labdb in-process (read + write, no exec)", inProcess, bytes))
        // The same document through the model (`Lab(database:)`, `AnsibleInventory`, `JSONWriter`), as `--pretty` builds it.
        var modelBytes = 0
        let viaModel = try BenchClock.sample(max(3, runs / 3)) { modelBytes = JSONWriter().bytes(AnsibleInventory(lab: try Lab(database: db)).list()).count }
        let environment = ["LABDB_DB": path]
        rows.append(("labdb inventory --list (release binary)", try timeProcess([labdb, "inventory", "--list"], environment: environment, runs: runs, bytes: &bytes), bytes))
        // The interpreter itself, resolved once by the script: a pyenv shim would add 60-70 ms a run.
        let python = options["--python"] ?? "/usr/bin/python3"
        print("python baseline: \(python)")
        rows.append(("python3 baseline (same JSON, same file)", try timeProcess([python, baseline, path], environment: environment, runs: runs, bytes: &bytes), bytes))
        rows.append(("labdb in-process via the Lab model (--pretty)", viaModel, modelBytes))
        rows.append(("labdb inventory --list --facts minimal", try timeProcess([labdb, "inventory", "--list", "--facts", "minimal"], environment: environment,
                                                                              runs: runs, bytes: &bytes), bytes))
        if options["--ansible"] != nil {
            // What every playbook run pays on top: Ansible's own parse of the inventory.
            let script = URL(fileURLWithPath: labdb).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("scripts/ansible-inventory").path
            for facts in ["full", "minimal"] {
                let variables = environment.merging(["ANSIBLE_INVENTORY_UNPARSED_FAILED": "true", "LABDB_BIN": labdb, "LABDB_INVENTORY_FACTS": facts]) { $1 }
                rows.append(("ansible all --list-hosts, \(facts) facts", try timeProcess(["/usr/bin/env", "ansible", "all", "-i", script, "--list-hosts"],
                                                                                       environment: variables, runs: 3, bytes: &bytes), bytes))
            }
        }
        let baselineMedian = BenchClock.percentile(rows[2].1, 50)
        print("")
        print(pad("case", 48) + pad("runs", 6, right: true) + pad("median ms", 11, right: true) + pad("p90 ms", 9, right: true)
              + pad("min ms", 9, right: true) + pad("output", 11, right: true) + pad("vs python", 11, right: true))
        for (name, samples, size) in rows {
            let median = BenchClock.percentile(samples, 50)
            print(pad(name, 48) + pad(String(samples.count), 6, right: true) + pad(format(median), 11, right: true)
                  + pad(format(BenchClock.percentile(samples, 90)), 9, right: true) + pad(format(samples.min() ?? .nan), 9, right: true)
                  + pad("\(size / 1024) KiB", 11, right: true) + pad(String(format: "%.2fx", median / baselineMedian), 11, right: true))
        }
        let binaryMedian = BenchClock.percentile(rows[1].1, 50)
        print("")
        print("target: labdb inventory --list for \(hosts) hosts in <= 100 ms: \(binaryMedian <= 100 ? "met" : "NOT met") (median \(format(binaryMedian)) ms)")
        if options["--db"] == nil { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs `command` `runs` times (after one warm-up), its stdout read to the end as Ansible does.
    /// Spawned with posix_spawn and reaped with waitpid: Foundation's `Process.waitUntilExit()`
    /// polls its run loop and added up to ~50 ms a run, the harness's time, not the command's.
    static func timeProcess(_ command: [String], environment: [String: String], runs: Int, bytes: inout Int) throws -> [Double] {
        // One buffer for every run, touched once before timing (its page faults are not the command's).
        var output = [UInt8](repeating: 0, count: 16 << 20)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        func once() throws -> Int {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw BenchFailure("cannot make a pipe (errno \(errno))") }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            posix_spawn_file_actions_addclose(&actions, ends[0])
            posix_spawn_file_actions_addclose(&actions, ends[1])
            let argv = command.map { strdup($0) } + [nil]
            let envp = variables.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
            close(ends[1])
            guard spawned == 0 else { close(ends[0]); throw BenchFailure("cannot run \(command[0]) (error \(spawned))") }
            let count = readToEnd(ends[0], into: &output)
            close(ends[0])
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // 0 is a normal exit with status 0.
            guard status == 0 else { throw BenchFailure("\(command.joined(separator: " ")) failed (wait status \(status))") }
            return count
        }
        bytes = try once()
        return try BenchClock.sample(runs) { _ = try once() }
    }

    /// Reads `descriptor` to its end into `buffer` (grown when needed) in 1 MiB reads and
    /// returns the byte count, as a consumer that keeps the output would (Python's
    /// `subprocess` reads in large blocks too).
    static func readToEnd(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        var count = 0
        while true {
            if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let read = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, min(1 << 20, $0.count - count)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return count }
            count += read
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

/// A benchmark's own failure, printed as one line.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
