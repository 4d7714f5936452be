import Foundation
import LabDNS
import LabModel

/// `labdb-bench dns-plan [N...]`: the planner on N owned records (default 1,000, 10,000 and
/// 100,000) with 1% changed, 1% new and 1% removed, next to a baseline that only computes the
/// symmetric difference of the record keys (the least any planner must do). Planner and
/// baseline alternate run by run; the table gives the median per record.
enum DNSBenchmark {
    /// How far the planner may be from the set difference, at every size.
    static let targetRatio = 2.0

    static func run(_ arguments: [String]) throws {
        let given = arguments.compactMap(Int.init)
        let sizes = given.isEmpty ? [1_000, 10_000, 100_000] : given
        let target = DNSTarget(name: "bench", kind: .cloudflare, zone: "example.com", view: .public)
        let planner = DNSPlanner(capabilities: .cloudflare)
        var table = BenchTable()
        var worst = 0.0
        for n in sizes {
            let (current, desired) = records(n)
            var changes = 0, difference = 0
            // Small sizes run more often: their runs are short and noisier.
            let runs = n <= 1_000 ? 51 : n <= 10_000 ? 21 : 7
            let (planned, baseline) = BenchClock.alternating(runs, {
                changes = planner.plan(target: target, desired: desired, current: current).changes.count
            }, {
                let have = Set(current.map(\.record.key)), want = Set(desired.map(\.key))
                difference = have.symmetricDifference(want).count
            })
            let p = BenchClock.percentile(planned, 50), b = BenchClock.percentile(baseline, 50)
            worst = max(worst, p / b)
            BenchTable.note("dns-plan: \(n) records, \(changes) changes (\(difference) keys differ), \(runs) runs each")
            table.add(["plan \(BenchTable.grouped(n)) owned records, \(BenchTable.grouped(changes)) changes (µs per record)",
                       perRecord(p, n), perRecord(b, n) + " (set difference of keys)", BenchTable.ratio(p, b)])
        }
        table.footnote("Median of alternating runs (planner, set difference, ...); 1% of records changed, 1% removed, 1% new.")
        table.footnote("target ≤ \(Int(targetRatio))× the set difference at every size: \(worst <= targetRatio ? "met" : "NOT met")")
        table.print()
    }

    /// N owned records on the target, and the desired records: every 100th address changed,
    /// every 100th record removed and N/100 new CNAMEs.
    static func records(_ n: Int) -> (current: [ObservedRecord], desired: [DNSRecord]) {
        let current = (0..<n).map { i in
            ObservedRecord(record: DNSRecord(name: "host\(i).example.com", type: .a, value: address(i)), handle: "id\(i)", owned: true)
        }
        var desired = current.map(\.record)
        let step = 100
        for i in stride(from: 0, to: n, by: step) { desired[i] = DNSRecord(name: desired[i].name, type: .a, value: address(i + n)) }
        desired.removeAll { Int($0.name.dropFirst(4).prefix { $0.isNumber })! % step == 1 }
        desired += (0..<(n / step)).map { DNSRecord(name: "new\($0).example.com", type: .cname, value: "host0.example.com") }
        return (current, desired)
    }

    /// `2.41 µs` for `milliseconds` spent on `count` records.
    static func perRecord(_ milliseconds: Double, _ count: Int) -> String {
        String(format: "%.2f µs", milliseconds * 1_000 / Double(count))
    }

    private static func address(_ i: Int) -> String { "10.\((i >> 16) & 255).\((i >> 8) & 255).\(i & 255)" }
}
