import LabDNS
import LabModel
import Testing

@Suite("DNS planner and plan")
struct DNSPlannerTests {
    static let target = DNSTarget(name: "t", kind: .cloudflare, zone: "example.com", view: .public)

    static func owned(_ records: [DNSRecord]) -> [ObservedRecord] {
        records.enumerated().map { ObservedRecord(record: $1, handle: "id\($0)", owned: true) }
    }

    static func records(_ count: Int, prefix: String = "h") -> [DNSRecord] {
        (0..<count).map { DNSRecord(name: "\(prefix)\($0).example.com", type: .a, value: "192.0.2.\($0 + 1)") }
    }

    @Test func normalisesNamesAndValues() {
        let a = DNSRecord(name: " GitLab.Example.COM. ", type: .cname, value: "Target.Example.com.")
        #expect(a.name == "gitlab.example.com")
        #expect(a.value == "target.example.com")
        #expect(DNSRecord(name: "x", type: .aaaa, value: "FD00:0001:0000::0010").value == "fd00:1::10")
    }

    @Test func changesAreSortedAndSummarised() {
        let planner = DNSPlanner(capabilities: .cloudflare)
        let current = Self.owned([DNSRecord(name: "b.example.com", type: .a, value: "192.0.2.1"),
                                  DNSRecord(name: "z.example.com", type: .a, value: "192.0.2.9")])
        let desired = [DNSRecord(name: "c.example.com", type: .a, value: "192.0.2.3"),
                       DNSRecord(name: "b.example.com", type: .a, value: "192.0.2.2"),
                       DNSRecord(name: "a.example.com", type: .cname, value: "c.example.com")]
        let plan = planner.plan(target: Self.target, desired: desired.reversed(), current: current)
        #expect(plan.changes.map(\.description) == [
            "+ create CNAME a.example.com c.example.com",
            "~ update A b.example.com 192.0.2.1 → 192.0.2.2",
            "+ create A c.example.com 192.0.2.3",
            "- delete A z.example.com 192.0.2.9",
        ])
        #expect(plan.summary == "Plan for t: 2 to create, 1 to update, 1 to delete (2 owned records).")
        #expect(planner.plan(target: Self.target, desired: desired, current: current) == plan, "deterministic")
    }

    @Test func foreignRecordsAreNeverChanged() {
        let foreign = ObservedRecord(record: DNSRecord(name: "old.example.com", type: .a, value: "192.0.2.1"), handle: "f", owned: false)
        let plan = DNSPlanner(capabilities: .cloudflare).plan(target: Self.target, desired: [], current: [foreign])
        #expect(plan.isEmpty)
        #expect(plan.ownedCount == 0)
    }

    @Test func anOwnedCopyBesideAForeignOneIsKept() {
        let record = DNSRecord(name: "api.example.com", type: .a, value: "192.0.2.7")
        let current = [ObservedRecord(record: record, handle: "mine", owned: true), ObservedRecord(record: record, handle: "theirs", owned: false)]
        let plan = DNSPlanner(capabilities: .cloudflare).plan(target: Self.target, desired: [record], current: current)
        #expect(plan.isEmpty, "\(plan.changes)")
        #expect(plan.skipped.isEmpty)
        let gone = DNSPlanner(capabilities: .cloudflare).plan(target: Self.target, desired: [], current: current)
        #expect(gone.changes.map { $0.old?.handle } == ["mine"], "only the owned copy is deleted")
    }

    @Test func safetyRuleStopsAtThirtyPercentOfTenOrMore() throws {
        let planner = DNSPlanner(capabilities: .cloudflare)
        let ten = Self.records(10)
        // 3 of 10 deleted: exactly 30%, allowed.
        try planner.plan(target: Self.target, desired: Array(ten.prefix(7)), current: Self.owned(ten)).checkSafety(force: false)
        // 4 of 10: refused without --force.
        let four = planner.plan(target: Self.target, desired: Array(ten.prefix(6)), current: Self.owned(ten))
        #expect(throws: DNSError.unsafePlan(target: "t", touched: 4, owned: 10)) { try four.checkSafety(force: false) }
        try four.checkSafety(force: true)
        // Fewer than 10 owned: no rule.
        let nine = Self.records(9)
        try planner.plan(target: Self.target, desired: [], current: Self.owned(nine)).checkSafety(force: false)
        // Creates never count.
        try planner.plan(target: Self.target, desired: ten + Self.records(50, prefix: "n"), current: Self.owned(ten)).checkSafety(force: false)
    }

    @Test func piholeHoldsWildcardAddressesButNotWildcardCNAMEsAndSaysSo() {
        let wildcard = DNSRecord(name: "*.k8s.example.com", type: .a, value: "192.0.2.5")
        let wildcardCNAME = DNSRecord(name: "*.apps.example.com", type: .cname, value: "ingress.example.com")
        for capabilities in [DNSCapabilities.piholeAPI, .piholeFiles] {
            let plan = DNSPlanner(capabilities: capabilities).plan(target: Self.target, desired: [wildcard, wildcardCNAME], current: [])
            #expect(plan.creates.map(\.record) == [wildcard])
            #expect(plan.skipped.map(\.record) == [wildcardCNAME])
            #expect(plan.summary.contains("1 skipped"))
        }
    }

    @Test func desiredRecordsTakeZoneViewAndAllocations() throws {
        let lab = try LabFileParser(file: "t.yaml").parse(DNSTestLab.yaml(targets: ""))
        let desired = DesiredRecords(lab: lab)
        let internalNames = desired.records(for: DNSTarget(name: "p", kind: .piholeAPI, zone: "example.com", view: .internal, url: "http://x"))
            .map(\.description)
        #expect(internalNames == [
            "A *.k8s.example.com 192.168.1.101",
            "A gitlab.lab.example.com 192.168.1.25",
            "CNAME grafana.example.com pve.lab.example.com",
            "A pve.lab.example.com 192.168.1.10",
            "AAAA pve.lab.example.com fd00:1::10",
        ])
        let publicNames = desired.records(for: Self.target).map(\.description)
        #expect(publicNames == ["A api.example.com 203.0.113.7 ttl=300", "CNAME www.example.com example.pages.dev proxied"])
        #expect(!DesiredRecords.name("notexample.com", isIn: "example.com"))
    }
}
