import Foundation
import LabIP
import LabModel
import LabStore

/// The cost of allocating to a holder as a function of how many addresses it holds (issue 17:
/// the next position was a scan of the holder's addresses, so bulk allocation was quadratic):
/// an allocate+release pair for holders of 1 / 1,000 / 60,000 addresses, and one
/// `ip allocate RANGE --to HOLDER --count 60000` (one transaction) to a fresh holder.
enum IPAMHolderBenchmark {
    static let holders = [1, 1_000, 60_000]
    static let bulkCount = 60_000

    /// Rows for IPAMBenchmark's table: each holder against the holder of one address, and the bulk allocation.
    static func run(out: String, samples: Int) throws -> (rows: [[String]], bulkMilliseconds: Double) {
        let path = out + "/holders.db"
        let db = try build(at: path)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let allocator = IPAllocator(database: db)
        // The holders take turns (1, 1,000, 60,000, 1, ...), so that drift on a shared machine hits all alike.
        var times: [Int: [Double]] = [:]
        for _ in 0..<samples {
            for held in holders {
                let start = BenchClock.now()
                let got = try allocator.allocate(fromRange: "bench", to: "h\(held)")
                try allocator.release(got[0].address)
                times[held, default: []].append(Double(BenchClock.now() - start) / 1e6)
            }
        }
        let one = BenchClock.percentile(times[1] ?? [], 50)
        var rows: [[String]] = []
        for held in holders.dropFirst() {
            let p50 = BenchClock.percentile(times[held] ?? [], 50)
            rows.append(["allocate + release, to a holder of \(AddressCount.grouped(UInt128(held))) addresses",
                         "\(BenchTable.ms(p50)) (\(BenchTable.ms(BenchClock.percentile(times[held] ?? [], 99))))",
                         "to a holder of 1 address: \(BenchTable.ms(one))", "cost ratio " + BenchTable.ratio(p50, one)])
        }
        let start = BenchClock.now()
        let bulk = try allocator.allocate(fromRange: "bench", to: "bulk", count: bulkCount)
        let milliseconds = Double(BenchClock.now() - start) / 1e6
        guard bulk.count == bulkCount else { throw BenchmarkFailure(message: "bulk allocation gave \(bulk.count) addresses") }
        rows.append(["`ip allocate --count \(AddressCount.grouped(UInt128(bulkCount)))` to one holder, one transaction", BenchTable.ms(milliseconds),
                     "", String(format: "%.1f µs per address", milliseconds * 1000 / Double(bulkCount))])
        return (rows, milliseconds)
    }

    /// A /8 with one range over it, machines `h1`, `h1000`, `h60000` holding that many
    /// addresses (positions 0..n-1) and `bulk` holding none.
    static func build(at path: String) throws -> Database {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try LabDatabase.open(path: path)
        try db.execute("PRAGMA cache_size = -262144")
        let network = IPNetwork("10.0.0.0/8")!
        let usable = network.usable
        let machines = (holders.map { "h\($0)" } + ["bulk"]).map { "  - name: \($0)\n    kind: server" }.joined(separator: "\n")
        try LabImporter(database: db).apply(try LabFileParser(file: "bench").parse("""
            prefixes:
              - cidr: "\(network)"
                ranges:
                  - name: bench
                    first: "\(usable.first)"
                    last: "\(usable.last)"
                    purpose: static
            hosts:
            \(machines)
            """))
        try db.transaction(.immediate) {
            var next = usable.first
            for held in holders {
                let machine = try db.scalar("SELECT id FROM machines WHERE name = ?", [.text("h\(held)")])!
                for position in 0..<held {
                    try db.execute("""
                        INSERT INTO addresses(family, address, prefix_id, range_id, machine_id, position)
                        VALUES (?, ?, (SELECT id FROM prefixes), (SELECT id FROM ranges), ?, ?)
                        """, next.sqlArguments + [machine, .integer(Int64(position))])
                    next = next.advanced(by: 1)!
                }
            }
        }
        try AddressRunIndex(database: db).refreshIfStale(.v4)
        return db
    }
}
