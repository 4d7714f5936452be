import Foundation
import LabModel

/// `labdb-bench generate --db PATH [--machines N]`: writes the generated bench lab (the one
/// the inventory benchmark uses, default 10,000 machines) into a new database, for scripts
/// that benchmark the server or the command line on it.
enum GenerateLab {
    static func run(_ arguments: [String]) throws {
        let options = BenchOptions.pairs(arguments)
        guard let path = options["--db"] else { throw BenchUsage("generate needs --db PATH") }
        let machines = Int(options["--machines"] ?? "10000") ?? 10_000
        let db = try LabDatabase.open(path: path)
        let start = BenchClock.now()
        try LabImporter(database: db).apply(InventoryBenchmark.generatedLab(machines: machines))
        print("generated lab: \(machines) machines in \(path) (\((BenchClock.now() - start) / 1_000_000) ms)")
    }
}

/// A benchmark called with the wrong arguments.
struct BenchUsage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
