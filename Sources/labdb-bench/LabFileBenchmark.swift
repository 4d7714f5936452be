import Foundation
import LabModel
import LabStore

/// `labdb-bench labfile [--hosts N] [--runs N]`: the lab file on a large lab (the inventory
/// benchmark's generated lab): `labdb export` writing it, and reading it back (parse and
/// validate; and the import's plan), next to sqlite3 dumping the same database as SQL text
/// and loading that dump into a new file (baselines, in the same run).
enum LabFileBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments)
        let hosts = Int(options["--hosts"] ?? "10000") ?? 10000
        let runs = Int(options["--runs"] ?? "5") ?? 5
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-labfile-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lab.db"
        let db = try LabDatabase.open(path: path)
        try LabImporter(database: db).apply(InventoryBenchmark.generatedLab(machines: hosts))
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        var yaml = ""
        var rows: [(String, [Double])] = []
        rows.append(("sqlite3 .dump of the database (baseline)", try BenchClock.sample(runs) {
            try shell("sqlite3 '\(path)' .dump > '\(folder)/dump.sql'")
        }))
        rows.append(("labdb export: the lab as YAML", try BenchClock.sample(runs) {
            yaml = LabYAMLWriter().write(try Lab(database: db))
        }))
        rows.append(("sqlite3 loading that dump into a new file (baseline)", try BenchClock.sample(runs) {
            try? FileManager.default.removeItem(atPath: folder + "/loaded.db")
            try shell("sqlite3 '\(folder)/loaded.db' < '\(folder)/dump.sql'")
        }))
        var lab = Lab()
        rows.append(("parse and validate the YAML", try BenchClock.sample(runs) {
            lab = try LabFileParser(file: "export.yaml").parse(yaml)
        }))
        rows.append(("import --dry-run: parse, validate and plan", try BenchClock.sample(runs) {
            let plan = try LabImporter(database: db).plan(try LabFileParser(file: "export.yaml").parse(yaml))
            guard plan.isEmpty else { throw BenchFailure("re-importing the export must change nothing") }
        }))
        print("lab: \(hosts) machines, \(lab.allocations.count) addresses, \(lab.disks.count) disks; YAML \(yaml.utf8.count / 1024) KiB")
        print("benchmark".padding(toLength: 52, withPad: " ", startingAt: 0) + "  median ms     p90 ms  runs")
        for (name, samples) in rows {
            let median = String(format: "%9.1f", BenchClock.percentile(samples, 50))
            let p90 = String(format: "%9.1f", BenchClock.percentile(samples, 90))
            print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + "  \(median)  \(p90)  \(samples.count)")
        }
    }

    /// Runs `command` through /bin/sh; fails when it does.
    static func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("\(command) failed (\(process.terminationStatus))") }
    }
}
