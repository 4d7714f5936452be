import LabDNS
import LabModel
import Testing
import LabTestSupport

/// The linear planner must print exactly the plans the group-by-group planner printed: same
/// changes in the same order, same skips, on crowded inputs (few names, duplicates on the
/// target, foreign copies, shared handles, TTL and proxy differences, wildcards).
@Suite("DNS planner equals the group-by-group planner")
struct DNSPlannerEquivalenceTests {
    static let target = DNSTarget(name: "t", kind: .cloudflare, zone: "example.com", view: .public)

    static func record(_ random: inout SplitMix64) -> DNSRecord {
        let names = ["a.example.com", "b.example.com", "*.k8s.example.com", "c.example.com", "A.Example.com."]
        let type = [RecordType.a, .aaaa, .cname].randomElement(using: &random)!
        let values: [String] = switch type {
        case .a: ["192.0.2.1", "192.0.2.2", "192.0.2.3"]
        case .aaaa: ["fd00::1", "fd00::2"]
        case .cname: ["a.example.com", "c.example.com"]
        }
        return DNSRecord(name: names.randomElement(using: &random)!, type: type, value: values.randomElement(using: &random)!,
                         ttl: [nil, 0, 60, 300].randomElement(using: &random)!, proxied: Bool.random(using: &random))
    }

    @Test(arguments: [DNSCapabilities.cloudflare, .piholeAPI, .piholeFiles])
    func randomPlansMatchTheReference(capabilities: DNSCapabilities) {
        var random = SplitMix64(seed: 17)
        let planner = DNSPlanner(capabilities: capabilities), reference = DNSReferencePlanner(capabilities: capabilities)
        var nonEmpty = 0
        for _ in 0..<2_000 {
            let desired = (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.record(&random) }
            let current = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                ObservedRecord(record: Self.record(&random), handle: "id\(Int.random(in: 0...3, using: &random))",
                               owned: Int.random(in: 0...3, using: &random) > 0)
            }
            let plan = planner.plan(target: Self.target, desired: desired, current: current)
            let expected = reference.plan(target: Self.target, desired: desired, current: current)
            #expect(plan == expected, "desired \(desired), current \(current)")
            if plan != expected { return }
            if !plan.isEmpty && !plan.skipped.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 100, "the inputs exercise changes and skips together")
    }

    @Test func twinsWithOneHandlePairInTheOrderTheTargetReportedThem() {
        // Same key and handle, TTL nil and 0 (which sort alike): the first reported is kept.
        let name = "a.example.com", value = "192.0.2.1"
        let first = ObservedRecord(record: DNSRecord(name: name, type: .a, value: value, ttl: nil), handle: "x", owned: true)
        let second = ObservedRecord(record: DNSRecord(name: name, type: .a, value: value, ttl: 0), handle: "x", owned: true)
        let desired = [DNSRecord(name: name, type: .a, value: value, ttl: 60), DNSRecord(name: name, type: .a, value: "192.0.2.2")]
        for current in [[first, second], [second, first]] {
            let plan = DNSPlanner(capabilities: .cloudflare).plan(target: Self.target, desired: desired, current: current)
            #expect(plan == DNSReferencePlanner(capabilities: .cloudflare).plan(target: Self.target, desired: desired, current: current))
            #expect(plan.changes.first?.old == current[0], "\(plan.changes)")
        }
    }
}
