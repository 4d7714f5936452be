import Foundation
import LabIP
import LabModel
import LabStore

/// `labdb-bench ipam [--out DIR] [--baseline SCRIPT] [--samples N] [--only CASES]`: next-free and allocation
/// cost in ranges with many addresses taken, allocation cost by the holder's address count
/// (``IPAMHolderBenchmark``), and utilisation of 1,000 ranges, against NetBox's
/// former algorithm (netaddr `IPSet(range) - IPSet(used)`, first element) run in Python on the
/// same SQLite files.
enum IPAMBenchmark {
    struct Options {
        var out = "bench/out/ipam"
        var baseline = "scripts/ipam-baseline.py"
        var samples = 500
        /// Only the cases whose file name starts with one of these (small16, slash16, slash8, v6, ranges1000, holders).
        var only: [String] = []

        init(_ arguments: [String]) {
            var index = 0
            while index + 1 < arguments.count {
                switch arguments[index] {
                case "--out": out = arguments[index + 1]
                case "--baseline": baseline = arguments[index + 1]
                case "--samples": samples = Int(arguments[index + 1]) ?? samples
                case "--only": only = arguments[index + 1].split(separator: ",").map(String.init)
                default: break
                }
                index += 2
            }
        }
    }

    /// One data set: a prefix with one range covering its usable addresses, `taken` of them
    /// allocated from the start, except one gap left `gapFromEnd` addresses before the last taken.
    struct Scenario {
        let label: String
        let file: String
        let cidr: String
        let taken: Int
    }

    static func run(_ arguments: [String]) throws {
        let options = Options(arguments)
        try FileManager.default.createDirectory(atPath: options.out, withIntermediateDirectories: true)
        let scenarios = [
            Scenario(label: "IPv4 /16", file: "small16.db", cidr: "172.17.0.0/16", taken: 1_000),
            Scenario(label: "IPv4 /16", file: "slash16.db", cidr: "172.16.0.0/16", taken: 65_000),
            Scenario(label: "IPv4 10.0.0.0/8", file: "slash8.db", cidr: "10.0.0.0/8", taken: 1_000_000),
            Scenario(label: "IPv6 /64", file: "v6.db", cidr: "2001:db8:100::/64", taken: 100_000),
        ]
        var table = BenchTable(columns: ["what", "labdb p50 (p99)", "NetBox's former algorithm (same run)", "speed-up"])
        var answers: [String] = []
        var p50ByTaken: [(taken: Int, allocate: Double)] = []
        let selected = { (file: String) in options.only.isEmpty || options.only.contains { file.hasPrefix($0) } }
        for scenario in scenarios where selected(scenario.file) {
            let path = options.out + "/" + scenario.file
            let (db, setup) = try build(scenario, at: path)
            BenchTable.note("ipam: \(scenario.label): data \(BenchTable.ms(setup.generate)), runs rebuilt in \(BenchTable.ms(setup.rebuild))")
            let allocator = IPAllocator(database: db)
            let expected = try allocator.next(inRange: "bench")[0]
            // labdb's samples and the baseline's runs take turns in rounds, so that drift hits both alike.
            var allocate: [Double] = [], baseline: [Double] = []
            for _ in 0..<rounds {
                allocate += try sampleAllocate(allocator, samples: max(1, options.samples / rounds))
                let run = try runBaseline(options, db: path, arguments: ["first-free", "bench", "--repeat", "1"])
                baseline.append(run.milliseconds)
                if run.answer != expected.description { answers.append("\(scenario.label): labdb \(expected), baseline \(run.answer)") }
            }
            let taken = AddressCount.grouped(UInt128(scenario.taken))
            table.add(row("allocate the next free address, \(scenario.label), \(taken) taken", allocate, baseline: baseline))
            p50ByTaken.append((scenario.taken, BenchClock.percentile(allocate, 50)))
        }

        if selected("ranges1000") {
            let manyPath = options.out + "/ranges1000.db"
            let many = try buildManyRanges(at: manyPath)
            let views = IPAMViews(database: many)
            var utilisation: [Double] = [], baseline: [Double] = []
            for _ in 0..<rounds {
                utilisation += try BenchClock.sample(max(2, options.samples / 20 / rounds)) { _ = try views.utilisation() }
                baseline.append(try runBaseline(options, db: manyPath, arguments: ["utilisation", "--repeat", "1"]).milliseconds)
            }
            table.add(row("utilisation of 1,000 ranges, 50,000 taken", utilisation, baseline: baseline))
        }

        if selected("holders") {
            let holders = try IPAMHolderBenchmark.run(out: options.out, samples: options.samples)
            holders.rows.forEach { table.add($0) }
            table.footnote("Target: \(AddressCount.grouped(UInt128(IPAMHolderBenchmark.bulkCount))) addresses to one holder in one command within a few seconds "
                           + "(it took 229 s before the holder index): \(holders.bulkMilliseconds <= 5_000 ? "met" : "NOT met").")
        }

        if let low = p50ByTaken.min(by: { $0.taken < $1.taken }), let high = p50ByTaken.max(by: { $0.taken < $1.taken }), low.taken < high.taken {
            table.footnote("Allocation with \(AddressCount.grouped(UInt128(high.taken))) taken costs "
                           + String(format: "%.2f×", high.allocate / low.allocate)
                           + " what it costs with \(AddressCount.grouped(UInt128(low.taken))) taken (p50; flat when close to 1).")
        }
        table.footnote("Baseline: netaddr `IPSet(range) - IPSet(used)`, first element, in Python on the same SQLite file (median of \(rounds) runs "
                       + "alternating with labdb's); labdb: \(options.samples) samples, each allocation a committed transaction. "
                       + (answers.isEmpty ? "Both found the same first free address in every case." : "ANSWERS DIFFER: " + answers.joined(separator: "; ")))
        table.print()
        if !answers.isEmpty { throw BenchmarkFailure(message: "labdb and the baseline disagree: " + answers.joined(separator: "; ")) }
    }

    /// Rounds of labdb samples and baseline runs, alternating.
    static let rounds = 3

    // MARK: - Measuring

    /// Allocation of the next free address (a committed transaction), released again untimed
    /// so that every sample sees the same data.
    static func sampleAllocate(_ allocator: IPAllocator, samples: Int) throws -> [Double] {
        var times: [Double] = []
        for _ in 0..<samples {
            let start = BenchClock.now()
            let got = try allocator.allocate(fromRange: "bench", to: "bench")
            times.append(Double(BenchClock.now() - start) / 1_000_000)
            try allocator.release(got[0].address)
        }
        return times
    }

    static func runBaseline(_ options: Options, db: String, arguments: [String]) throws -> (milliseconds: Double, answer: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", options.baseline, db] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard process.terminationStatus == 0, let milliseconds = parts.first.flatMap(Double.init) else {
            throw BenchmarkFailure(message: "baseline \(options.baseline) failed for \(db) (exit \(process.terminationStatus)): \(output)")
        }
        return (milliseconds, parts.count > 1 ? parts[1] : "")
    }

    // MARK: - Data

    /// A fresh database with the scenario's prefix, one range `bench` over its usable
    /// addresses, a machine `bench`, and `taken` addresses inserted in one transaction with
    /// one prepared statement.
    static func build(_ scenario: Scenario, at path: String) throws -> (Database, (generate: Double, rebuild: Double)) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let start = BenchClock.now()
        let db = try LabDatabase.open(path: path)
        // A large page cache for the bulk load, so that index pages are not written out and read back.
        try db.execute("PRAGMA cache_size = -262144")
        try db.execute("PRAGMA temp_store = MEMORY")
        let network = IPNetwork(scenario.cidr)!
        let usable = network.usable
        try LabImporter(database: db).apply(try LabFileParser(file: "bench").parse("""
            prefixes:
              - cidr: "\(network)"
                ranges:
                  - name: bench
                    first: "\(usable.first)"
                    last: "\(usable.last)"
                    purpose: static
            hosts:
              - name: bench
                kind: server
            """))
        let prefixID = try db.scalar("SELECT id FROM prefixes")!
        let rangeID = try db.scalar("SELECT id FROM ranges")!
        // Taken from the start of the range, with one gap near the end: the first free address
        // lies behind almost every allocated one.
        let gap = scenario.taken - 10
        try bulkInsert(db, (0...scenario.taken).lazy.filter { $0 != gap }.map { (usable.first.advanced(by: UInt128($0))!, prefixID, rangeID) })
        let generated = BenchClock.now()
        try AddressRunIndex(database: db).refreshIfStale(network.family)
        let rebuilt = BenchClock.now()
        return (db, (Double(generated - start) / 1e6, Double(rebuilt - generated) / 1e6))
    }

    /// Inserts `rows` (address, prefix id, range id) into `addresses` in one transaction: first
    /// into a temporary table with one prepared statement, then with one INSERT ... SELECT, so
    /// that SQLite keeps one statement journal for the whole load instead of one per row.
    static func bulkInsert(_ db: Database, _ rows: some Sequence<(IPAddress, SQLValue, SQLValue)>) throws {
        try db.transaction(.immediate) {
            try db.execute("CREATE TEMP TABLE bench_load(family INTEGER, address BLOB, prefix_id INTEGER, range_id INTEGER)")
            for (address, prefixID, rangeID) in rows {
                try db.execute("INSERT INTO temp.bench_load VALUES (?, ?, ?, ?)", address.sqlArguments + [prefixID, rangeID])
            }
            try db.execute("""
                INSERT INTO addresses(family, address, prefix_id, range_id)
                SELECT family, address, prefix_id, range_id FROM temp.bench_load ORDER BY family, address
                """)
            try db.execute("DROP TABLE temp.bench_load")
        }
    }

    /// 1,000 ranges of 200 addresses in 100.64.0.0/10, each with its first 50 taken.
    static func buildManyRanges(at path: String) throws -> Database {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try LabDatabase.open(path: path)
        try db.execute("PRAGMA cache_size = -262144")
        try db.execute("PRAGMA temp_store = MEMORY")
        let base = IPAddress("100.64.0.0")!
        let ranges = (0..<1_000).map { index -> String in
            let first = base.advanced(by: UInt128(index * 256 + 10))!, last = first.advanced(by: 199)!
            return "      - name: r\(index)\n        first: \(first)\n        last: \(last)\n        purpose: static"
        }.joined(separator: "\n")
        try LabImporter(database: db).apply(try LabFileParser(file: "bench").parse("""
            prefixes:
              - cidr: 100.64.0.0/10
                ranges:
            \(ranges)
            """))
        let prefixID = try db.scalar("SELECT id FROM prefixes")!
        var rows: [(IPAddress, SQLValue, SQLValue)] = []
        for index in 0..<1_000 {
            let rangeID = try db.scalar("SELECT id FROM ranges WHERE name = ?", [.text("r\(index)")])!
            for offset in 0..<50 { rows.append((base.advanced(by: UInt128(index * 256 + 10 + offset))!, prefixID, rangeID)) }
        }
        try bulkInsert(db, rows)
        try AddressRunIndex(database: db).refreshIfStale(.v4)
        return db
    }

    // MARK: - Printing

    /// `0.157 ms (0.31 ms)`, the baseline's median and the speed-up.
    static func row(_ name: String, _ samples: [Double], baseline: [Double]) -> [String] {
        let p50 = BenchClock.percentile(samples, 50), b = BenchClock.percentile(baseline, 50)
        return [name, "\(BenchTable.ms(p50)) (\(BenchTable.ms(BenchClock.percentile(samples, 99))))", BenchTable.ms(b),
                String(format: "%@×", BenchTable.grouped(Int((b / p50).rounded())))]
    }
}

/// A benchmark that could not run as planned.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
