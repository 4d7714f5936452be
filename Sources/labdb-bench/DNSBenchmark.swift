import Foundation
import LabDNS
import LabModel

/// `labdb-bench dns-plan [N]`: the planner on N owned records (default 10,000) with 1%
/// changed, 1% new and 1% removed, next to a baseline that only computes the symmetric
/// difference of the record keys (the least any planner must do).
enum DNSBenchmark {
    static func run(_ arguments: [String]) throws {
        let sizes = arguments.compactMap(Int.init).isEmpty ? [1_000, 10_000, 50_000] : arguments.compactMap(Int.init)
        let target = DNSTarget(name: "bench", kind: .cloudflare, zone: "example.com", view: .public)
        print("records  changes  baseline p50 ms  planner p50 ms  planner p95 ms  ratio")
        for n in sizes {
            let current = (0..<n).map { i in
                ObservedRecord(record: DNSRecord(name: "host\(i).example.com", type: .a, value: address(i)), handle: "id\(i)", owned: true)
            }
            var desired = current.map(\.record)
            let step = 100
            for i in stride(from: 0, to: n, by: step) { desired[i] = DNSRecord(name: desired[i].name, type: .a, value: address(i + n)) }
            desired.removeAll { Int($0.name.dropFirst(4).prefix { $0.isNumber })! % step == 1 }
            desired += (0..<(n / step)).map { DNSRecord(name: "new\($0).example.com", type: .cname, value: "host0.example.com") }

            var changes = 0
            let baseline = BenchClock.sample(7) {
                let have = Set(current.map(\.record.key)), want = Set(desired.map(\.key))
                changes = have.symmetricDifference(want).count
            }
            var plan: DNSPlan?
            let planner = DNSPlanner(capabilities: .cloudflare)
            let planned = BenchClock.sample(7) { plan = planner.plan(target: target, desired: desired, current: current) }
            let b = BenchClock.percentile(baseline, 50), p = BenchClock.percentile(planned, 50)
            print(String(format: "%7d  %7d  %15.2f  %14.2f  %14.2f  %5.1fx", n, plan?.changes.count ?? 0, b, p,
                         BenchClock.percentile(planned, 95), p / max(b, 0.001)))
            _ = changes
        }
    }

    private static func address(_ i: Int) -> String { "10.\((i >> 16) & 255).\((i >> 8) & 255).\(i & 255)" }
}
