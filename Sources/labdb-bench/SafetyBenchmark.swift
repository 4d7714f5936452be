import Foundation
import LabModel
import LabStore

/// `labdb-bench safety [VMS] [RUNS]`: the cost of change history on an import (against the same
/// import with the history triggers dropped), a backup through SQLite's backup API (against a
/// plain file copy of the same file) and a full `labdb check`.
enum SafetyBenchmark {
    static func run(_ arguments: [String]) throws {
        let vms = arguments.first.flatMap(Int.init) ?? 2000
        let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 5
        let lab = try LabFileParser(file: "generated").parse(generatedLab(vms: vms))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-safety-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        var counter = 0
        func freshDatabase(history: Bool) throws -> Database {
            counter += 1
            let db = try LabDatabase.open(path: "\(folder)/import-\(counter).db")
            if history {
                db.changeContext = ChangeContext(user: "bench", command: "labdb-bench safety")
            } else {
                for row in try db.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%history%'") {
                    // Trigger names come from the migration file, never from user input.
                    try db.execute("DROP TRIGGER \(row.string("name") ?? "")")
                }
            }
            return db
        }
        var rows: [(String, [Double])] = []
        rows.append(("import \(vms) VMs, no history (baseline)", try BenchClock.sample(runs) {
            try LabImporter(database: try freshDatabase(history: false)).apply(lab)
        }))
        rows.append(("import \(vms) VMs, with history", try BenchClock.sample(runs) {
            try LabImporter(database: try freshDatabase(history: true)).apply(lab)
        }))
        let source = try freshDatabase(history: true)
        try LabImporter(database: source).apply(lab)
        let size = (try source.scalar("PRAGMA page_count")?.int ?? 0) * (try source.scalar("PRAGMA page_size")?.int ?? 0)
        try source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows.append(("file copy of \(size / 1024) KiB (baseline)", try BenchClock.sample(runs) {
            let copy = "\(folder)/plain-copy.db"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        }))
        rows.append(("labdb backup (backup API + fsync)", try BenchClock.sample(runs) {
            try LabBackup.backup(source, to: "\(folder)/backup.db")
        }))
        rows.append(("labdb check", try BenchClock.sample(runs) {
            _ = try ConsistencyCheck(database: source).run()
        }))

        print("benchmark".padding(toLength: 44, withPad: " ", startingAt: 0) + "  median ms     p90 ms  runs")
        for (name, samples) in rows {
            let median = String(format: "%9.1f", BenchClock.percentile(samples, 50))
            let p90 = String(format: "%9.1f", BenchClock.percentile(samples, 90))
            print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + "  \(median)  \(p90)  \(samples.count)")
        }
    }

    /// A lab of `vms` guests on 40 hosts, each guest with an address, a tag and a disk.
    static func generatedLab(vms: Int, hosts: Int = 40) -> String {
        var lines = ["prefixes:", "  - cidr: 10.0.0.0/16", "    ranges:",
                     "      - {name: pool, first: 10.0.0.10, last: 10.0.255.250, purpose: static}", "hosts:"]
        for h in 0..<hosts {
            lines += ["  - name: h\(h)", "    kind: server", "    cpus: 64", "    ram: 1T", "    pools: [{name: data, type: lvm-thin, size: 100T}]"]
        }
        lines.append("vms:")
        for v in 0..<vms {
            let a = 10 + v
            lines += ["  - name: vm\(v)", "    host: h\(v % hosts)", "    cpus: 1", "    ram: 1G", "    tags: [gen]",
                      "    addresses: [{ip: 10.0.\(a / 256).\(a % 256)}]", "    disks: [{name: d0, size: 10G, pool: data}]"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
