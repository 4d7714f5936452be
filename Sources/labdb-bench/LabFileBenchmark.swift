import Foundation
import LabModel
import LabStore

/// `labdb-bench labfile --labdb PATH [--hosts N] [--runs N] [--keep DIR]`: the lab file of a
/// large lab (the inventory benchmark's generated lab), like against like:
/// - as processes: the `labdb` binary importing the file into an empty database (and
///   `import --dry-run` of it on the database it came from, and `export`) against the `sqlite3` shell loading a `.dump`
///   of the same database into an empty file (and writing that dump), run by run in turn;
///   with each process's peak memory next to the file's size;
/// - in process: parsing and importing through the library against SQLite executing the
///   same dump through the same library.
enum LabFileBenchmark {
    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments)
        let hosts = Int(options["--hosts"] ?? "10000") ?? 10000
        let runs = Int(options["--runs"] ?? "5") ?? 5
        guard let labdb = options["--labdb"] else { throw BenchUsage("labfile needs --labdb PATH (a release build of labdb)") }
        let folder = options["--keep"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-labfile-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if options["--keep"] == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let source = folder + "/lab.db", labFile = folder + "/lab.yaml", dump = folder + "/dump.sql"
        BenchTable.note("generating a lab of \(hosts) machines in \(folder)")
        do {
            let db = try LabDatabase.open(path: source)
            try LabImporter(database: db).apply(InventoryBenchmark.generatedLab(machines: hosts))
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        _ = try BenchProcess.run(labdb, ["export", "--db", source], output: labFile)
        _ = try BenchProcess.run("sqlite3", [source, ".dump"], output: dump)
        let fileBytes = try size(labFile), dumpBytes = try size(dump)
        BenchTable.note("lab file \(mib(fileBytes)), dump \(mib(dumpBytes)); labdb: \(labdb); \(runs) runs each, alternating")

        var table = BenchTable()
        let count = BenchTable.grouped(hosts)

        // Into a new, empty file each run: labdb's schema comes from `labdb init` (not timed),
        // the dump creates its own.
        let target = folder + "/target.db"
        func fresh(withSchema: Bool) throws {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            if withSchema { _ = try BenchProcess.run(labdb, ["init", "--db", target]) }
        }
        var importRuns: [BenchProcess] = [], loadRuns: [BenchProcess] = []
        for _ in 0..<runs {
            try fresh(withSchema: true)
            importRuns.append(try BenchProcess.run(labdb, ["import", "--db", target, labFile]))
            try fresh(withSchema: false)
            loadRuns.append(try BenchProcess.run("sqlite3", [target], input: dump))
        }
        let importRatio = median(importRuns) / median(loadRuns)
        table.add(["`labdb import` of \(count) machines into an empty file, vs `sqlite3` loading the dump", BenchTable.ms(median(importRuns)),
                   BenchTable.ms(median(loadRuns)), BenchTable.ratio(median(importRuns), median(loadRuns))])

        var dryRuns: [BenchProcess] = [], reloadRuns: [BenchProcess] = []
        for _ in 0..<runs {
            dryRuns.append(try BenchProcess.run(labdb, ["import", "--dry-run", "--db", source, labFile]))
            let loaded = folder + "/loaded.db"
            try? FileManager.default.removeItem(atPath: loaded)
            reloadRuns.append(try BenchProcess.run("sqlite3", [loaded], input: dump))
        }
        let dryRatio = median(dryRuns) / median(reloadRuns)
        table.add(["`labdb import --dry-run` of it on its own database (parse, validate, plan: no change), vs `sqlite3` loading the dump", BenchTable.ms(median(dryRuns)),
                   BenchTable.ms(median(reloadRuns)), BenchTable.ratio(median(dryRuns), median(reloadRuns))])

        var exportRuns: [BenchProcess] = [], dumpRuns: [BenchProcess] = []
        for _ in 0..<runs {
            exportRuns.append(try BenchProcess.run(labdb, ["export", "--db", source], output: folder + "/export.yaml"))
            dumpRuns.append(try BenchProcess.run("sqlite3", [source, ".dump"], output: folder + "/dump-again.sql"))
        }
        table.add(["`labdb export` of it as YAML, vs `sqlite3 .dump`", BenchTable.ms(median(exportRuns)), BenchTable.ms(median(dumpRuns)),
                   BenchTable.ratio(median(exportRuns), median(dumpRuns))])

        // The floor: a labdb process that reads no file (its program's own pages, which GNU
        // time counts in every peak), for the reader to weigh the memory row.
        let floor = try BenchProcess.run(labdb, ["--version"], output: "/dev/null").peakBytes
        let peak = max(importRuns.map(\.peakBytes).max() ?? 0, dryRuns.map(\.peakBytes).max() ?? 0)
        let sqlitePeak = loadRuns.map(\.peakBytes).max() ?? 0
        let memoryRatio = Double(peak) / Double(fileBytes)
        table.add(["peak memory of `labdb import` (and --dry-run) of the \(mib(fileBytes)) file, vs `sqlite3` loading the \(mib(dumpBytes)) dump",
                   mib(peak), mib(sqlitePeak), String(format: "%.1f× the file", memoryRatio)])

        // In process, like against like: the library parsing and importing the same file,
        // against SQLite executing the same dump through the same connection code.
        let text = try String(contentsOfFile: labFile, encoding: .utf8)
        let dumpText = try String(contentsOfFile: dump, encoding: .utf8)
        let (inProcessImport, inProcessLoad) = try BenchClock.alternating(runs, {
            try fresh(withSchema: false)
            let db = try LabDatabase.open(path: target)
            try LabImporter(database: db).apply(try LabFileParser(file: "lab.yaml").parseFile(text), named: "lab.yaml", force: false)
        }, {
            try fresh(withSchema: false)
            try Database(path: target).executeScript(dumpText)
        })
        let inImport = BenchClock.percentile(inProcessImport, 50), inLoad = BenchClock.percentile(inProcessLoad, 50)
        table.add(["in process: parse and import it into an empty file, vs SQLite executing the dump", BenchTable.ms(inImport),
                   BenchTable.ms(inLoad), BenchTable.ratio(inImport, inLoad)])

        table.footnote("Medians of \(runs) alternating runs; processes are the release `labdb` and the `sqlite3` shell, each with its own peak memory (GNU time's %M).")
        table.footnote("A labdb process that reads no file (`labdb --version`) peaks at \(mib(floor)): the program's own pages, counted in the memory row too.")
        table.footnote("Targets: import ≤ 1.5× sqlite3 loading the dump: \(verdict(importRatio <= 1.5)); dry run ≤ 1×: \(verdict(dryRatio <= 1.0)); "
                       + "peak memory ≤ 10× the file's size: \(verdict(memoryRatio <= 10)).")
        table.print()
    }

    static func median(_ runs: [BenchProcess]) -> Double { BenchClock.percentile(runs.map(\.milliseconds), 50) }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// `4.0 MiB`.
    static func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    static func verdict(_ met: Bool) -> String { met ? "met" : "NOT met" }
}
