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
        // Alternating (A B A B ...), so that drift on a shared machine hits both alike.
        let (withHistory, withoutHistory) = try BenchClock.alternating(runs, {
            try LabImporter(database: try freshDatabase(history: true)).apply(lab)
        }, {
            try LabImporter(database: try freshDatabase(history: false)).apply(lab)
        })
        let source = try freshDatabase(history: true)
        try LabImporter(database: source).apply(lab)
        let size = (try source.scalar("PRAGMA page_count")?.int ?? 0) * (try source.scalar("PRAGMA page_size")?.int ?? 0)
        try source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let (backups, copies) = try BenchClock.alternating(runs, {
            try LabBackup.backup(source, to: "\(folder)/backup.db")
        }, {
            let copy = "\(folder)/plain-copy.db"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: source.path, toPath: copy)
        })
        let checks = try BenchClock.sample(runs) { _ = try ConsistencyCheck(database: source).run() }

        let median = { (samples: [Double]) in BenchClock.percentile(samples, 50) }
        let historyRatio = median(withHistory) / median(withoutHistory)
        var table = BenchTable()
        table.add(["import of \(BenchTable.grouped(vms)) VMs with change history, vs the history triggers dropped", BenchTable.ms(median(withHistory)),
                   BenchTable.ms(median(withoutHistory)), BenchTable.ratio(median(withHistory), median(withoutHistory))])
        table.add(["`labdb backup` of \(BenchTable.grouped(Int(size / 1024))) KiB (backup API + fsync), vs a plain file copy", BenchTable.ms(median(backups)),
                   BenchTable.ms(median(copies)), BenchTable.ratio(median(backups), median(copies))])
        table.add(["`labdb check` of that lab (every consistency rule)", BenchTable.ms(median(checks)), "", ""])
        table.footnote("Medians of \(runs) runs, in process; labdb and its baseline alternate run by run.")
        table.footnote("Target: history ≤ 1.5× the import without it: \(historyRatio <= 1.5 ? "met" : "NOT met") (\(BenchTable.ratio(median(withHistory), median(withoutHistory)))).")
        table.print()
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
