import Foundation
import LabCapacity
import LabIP
import LabModel
import Testing

/// The report's findings on generated labs, and its rendering in every format.
@Suite("Capacity: report on generated labs")
struct CapacityReportTests {
    let gib = CapacityTestLab.gib

    func report(_ builder: CapacityTestLab.Builder, limits: CapacityLimits = CapacityLimits()) throws -> CapacityReport {
        CapacityReport(lab: try CapacityTestLab.stored(builder.lab), limits: limits)
    }

    /// Hosts at 5:1 (at the warning level, not above), 6:1 (warning) and 11:1 (critical).
    var crowdedHosts: CapacityTestLab.Builder {
        var lab = CapacityTestLab.Builder()
        for (name, vcpus) in [("five", 20), ("six", 24), ("eleven", 44)] {
            lab.host(name, cores: 4, ramGiB: 64)
            for index in 0..<(vcpus / 4) { lab.guest("\(name)-\(index)", on: name, cpus: 4, ramGiB: 1) }
        }
        return lab
    }

    @Test func vcpuRatiosAboveTheWarningAndMaximumLevels() throws {
        let report = try report(crowdedHosts)
        #expect(report.hosts.map(\.vcpuRatio) == [11, 5, 6])
        #expect(report.findings.map(\.level) == [.critical, .warning])
        #expect(report.findings.map(\.object) == ["eleven", "six"])
        #expect(report.findings[0].message == "44 vCPUs on 4 cores (11:1) is above the maximum 10:1")
        #expect(report.findings[1].message == "24 vCPUs on 4 cores (6:1) is above the warning level 5:1")
        let status = Dictionary(uniqueKeysWithValues: report.hostsTable().rows.map { ($0[0].display, $0.last!.display) })
        #expect(status == ["five": "ok", "six": "warning", "eleven": "critical"])
    }

    @Test func vcpuLevelsAreConfigurable() throws {
        var limits = CapacityLimits()
        try limits.set(flag: "--vcpu-warn", to: "4")
        try limits.set(flag: "--vcpu-max", to: "12:1")
        let report = try report(crowdedHosts, limits: limits)
        #expect(report.findings.map(\.object) == ["eleven", "five", "six"])
        #expect(report.findings.allSatisfy { $0.level == .warning })
    }

    @Test func ramOvercommittedAfterTheReserve() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("tight", cores: 16, ramGiB: 16, reserveGiB: 2)
        lab.guest("a", on: "tight", cpus: 1, ramGiB: 8)
        lab.guest("b", on: "tight", cpus: 1, ramGiB: 7)
        let report = try report(lab)
        let host = try #require(report.host(named: "tight"))
        #expect(host.ramAvailable == 14 * gib)
        #expect(host.ramFree == -1 * gib)
        #expect(report.findings.map(\.level) == [.critical])
        #expect(report.findings[0].message.hasPrefix("RAM overcommitted: 15 GiB committed, 14 GiB allowed"))
        var limits = CapacityLimits()
        try limits.set(flag: "--ram-ratio", to: "1.5")
        #expect(try self.report(lab, limits: limits).findings.isEmpty)
    }

    @Test func thinPoolWarningAndCriticalLevels() throws {
        var lab = CapacityTestLab.Builder()
        lab.host("hv", cores: 64, ramGiB: 512, pools: [("p79", 100, true), ("p80", 100, true), ("p90", 100, true), ("over", 100, true), ("thick", 100, false)])
        lab.guest("g", on: "hv", cpus: 1, ramGiB: 1, disks: [(79, "p79"), (80, "p80"), (90, "p90"), (150, "over"), (100, "thick")])
        let report = try report(lab)
        #expect(report.findings.map(\.object) == ["hv/over", "hv/p90", "hv/p80"])
        #expect(report.findings.map(\.level) == [.critical, .critical, .warning])
        let over = try #require(report.pools.first { $0.name == "over" })
        #expect(over.fraction == 1.5)
        #expect(over.free == -50 * gib)
        let table = report.poolsTable()
        let overcommit = table.columns.firstIndex(of: "overcommit")!
        #expect(table.rows.first { $0[1] == .text("over") }?[overcommit] == .double(1.5))
        #expect(table.rows.first { $0[1] == .text("thick") }?[overcommit] == .null)
    }

    @Test func rangeWarningAndFullRange() throws {
        var lab = CapacityTestLab.Builder()
        lab.range("full", size: 4, used: 4)
        lab.range("busy", size: 10, used: 9)
        lab.lab.ranges[1].first = IPAddress("10.0.0.100")!
        lab.lab.ranges[1].last = IPAddress("10.0.0.109")!
        lab.lab.allocations = lab.lab.allocations.map { allocation in
            guard allocation.range == "busy" else { return allocation }
            var moved = allocation
            moved.address = IPAddress(family: .v4, value: allocation.address.value + 90)!
            return moved
        }
        let report = try report(lab)
        #expect(report.ranges.map(\.used) == [4, 9])
        #expect(report.ranges.map(\.free) == [0, 1])
        #expect(report.findings.map(\.object) == ["range full", "range busy"])
        #expect(report.findings.map(\.level) == [.critical, .warning])
    }

    @Test func theJSONDocumentIsOneObjectScriptsCanRead() throws {
        let seed = try CapacityTestLab.seed()
        let db = try CapacityTestLab.database(with: seed)
        let text = try CapacityViews(database: db).report().document().render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["clusters", "findings", "hosts", "limits", "pools", "ranges"])
        let clusters = try #require(object["clusters"] as? [[String: Any]])
        let mgmt = try #require(clusters.first { $0["cluster"] as? String == "mgmt" })
        #expect((mgmt["ram"] as? NSNumber)?.int64Value == 20 * gib)
        let limits = try #require(object["limits"] as? [String: Any])
        #expect((limits["vcpu_target"] as? NSNumber)?.doubleValue == 4)
    }

    @Test func everyFormatRendersEverySection() throws {
        let db = try CapacityTestLab.database(with: try CapacityTestLab.seed())
        let document = try CapacityViews(database: db).report(host: "z440").document()
        #expect(document.sections.map(\.name) == ["hosts", "pools", "findings", "limits"])
        let yaml = document.render(.yaml)
        #expect(yaml.contains("hosts:\n  - host: z440\n"))
        #expect(yaml.contains("limits:\n  vcpu_target: 4.0\n"))
        let csv = document.render(.csv)
        #expect(csv.hasPrefix("# HOSTS"))
        #expect(csv.contains("\nz440,12,38,"))
        let table = document.render(.table)
        #expect(table.contains("vcpu_target:         4\n"))
    }

    @Test func fitAnswersAsJSON() throws {
        let db = try CapacityTestLab.database(with: try CapacityTestLab.seed())
        let request = FitRequest(shape: VMShape(cpus: 1, ram: ByteSize("1G")!), count: 2, range: "infra")
        let text = try CapacityViews(database: db).fit(request).document().render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["fits"] as? Bool == true)
        // 7.5 GiB of RAM left on z440 allows seven 1 GiB VMs, but range infra has only 6 free addresses.
        #expect((summary["total_that_fit"] as? NSNumber)?.intValue == 6)
        #expect(summary["runs_out_first"] as? [String] == ["addresses@infra"])
        let placements = try #require(object["placements"] as? [[String: Any]])
        #expect(placements.compactMap { $0["host"] as? String } == ["z440", "z440"])
    }

    @Test func tablesForTheQueryLanguage() throws {
        let db = try CapacityTestLab.database(with: try CapacityTestLab.seed())
        let tables = try CapacityViews(database: db).tables()
        #expect(tables.keys.sorted() == ["clusters", "findings", "hosts", "limits", "pools", "ranges"])
        #expect(tables["hosts"]?.columns.first == "host")
    }
}
