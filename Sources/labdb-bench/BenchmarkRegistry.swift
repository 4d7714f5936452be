/// The benchmarks by name: each takes its arguments and prints its own table.
/// Add one line per benchmark; keep each benchmark in its own file.
enum BenchmarkRegistry {
    static let all: [String: @Sendable ([String]) throws -> Void] = [
        "clock": { _ in print("clock resolution: \(BenchClock.now())") },
        "capacity": { try CapacityBenchmark.run($0) },
        "ipam": { try IPAMBenchmark.run($0) },
        "dns-plan": DNSBenchmark.run,
        "safety": { try SafetyBenchmark.run($0) },
        "query": { try QueryBenchmark.run($0) },
        "inventory": { try InventoryBenchmark.run($0) },
        "labfile": { try LabFileBenchmark.run($0) },
        "generate": { try GenerateLab.run($0) },
        "editor": { try EditorBenchmark.run($0) },
    ]
}
