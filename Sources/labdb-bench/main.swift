// labdb-bench: release-built benchmarks, each printing a table with a baseline
// measured in the same run. Run through scripts/bench-*; never a unit test.
import Foundation

let name = CommandLine.arguments.dropFirst().first ?? ""
let rest = Array(CommandLine.arguments.dropFirst(2))
guard let benchmark = BenchmarkRegistry.all[name] else {
    let names = BenchmarkRegistry.all.keys.sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: labdb-bench NAME [ARGS]; benchmarks: \(names.isEmpty ? "none" : names)\n".utf8))
    exit(2)
}
do {
    try benchmark(rest)
} catch {
    FileHandle.standardError.write(Data("labdb-bench \(name): \(error)\n".utf8))
    exit(1)
}
