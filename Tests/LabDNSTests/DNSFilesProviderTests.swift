import Foundation
import LabDNS
import LabModel
import LabStore
import Testing

@Suite("DNS files target served by a real dnsmasq")
struct DNSFilesProviderTests {
    static func targets(_ folder: DNSTempFolder) -> String {
        """
        dns_targets:
          - name: pihole-files
            kind: pihole-files
            zone: example.com
            view: internal
            hosts_file: \(folder.file("custom.list"))
            cname_file: \(folder.file("cname.conf"))
            reload_command: "touch \(folder.file("reloaded"))"
        """
    }

    static func plan(_ db: Database) throws -> (DNSPlan, any DNSProvider) {
        let sync = DNSSync(database: db, environment: [:])
        let target = try sync.targets(named: "pihole-files")[0]
        let provider = try sync.provider(for: target)
        return (try sync.plan(target, provider: provider), provider)
    }

    @Test func applyServesRecordsKeepsForeignLinesAndConverges() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        try "# written by hand\n192.168.1.2   Pihole.LAN\n".write(toFile: folder.file("custom.list"), atomically: true, encoding: .utf8)
        try "cname=foreign.example.com,pihole.lan\n".write(toFile: folder.file("cname.conf"), atomically: true, encoding: .utf8)
        let db = try DNSTestLab.database(in: folder, targets: Self.targets(folder))

        let (plan, provider) = try Self.plan(db)
        #expect(plan.changes.map(\.description) == [
            "+ create A *.k8s.example.com 192.168.1.101",
            "+ create A gitlab.lab.example.com 192.168.1.25",
            "+ create CNAME grafana.example.com pve.lab.example.com",
            "+ create A pve.lab.example.com 192.168.1.10",
            "+ create AAAA pve.lab.example.com fd00:1::10",
        ])
        #expect(plan.skipped.isEmpty)
        let report = provider.apply(plan)
        #expect(report.succeeded, "\(report)")
        #expect(report.applied.count == 5)
        #expect(FileManager.default.fileExists(atPath: folder.file("reloaded")))

        let hosts = try String(contentsOfFile: folder.file("custom.list"), encoding: .utf8)
        #expect(hosts.hasPrefix("# written by hand\n192.168.1.2   Pihole.LAN\n"), "foreign lines survive as they were")
        let conf = try String(contentsOfFile: folder.file("cname.conf"), encoding: .utf8)
        #expect(conf.contains("cname=foreign.example.com,pihole.lan\n"))
        #expect(conf.contains("address=/k8s.example.com/192.168.1.101\n"))

        let (second, _) = try Self.plan(db)
        #expect(second.isEmpty, "a plan right after apply must be empty: \(second.changes)")
        #expect(second.ownedCount == 5)

        let server = try DNSMasqServer(hostsFile: folder.file("custom.list"), confFile: folder.file("cname.conf"))
        defer { server.stop() }
        #expect(try server.dig("gitlab.lab.example.com") == ["192.168.1.25"])
        #expect(try server.dig("pve.lab.example.com", type: "AAAA") == ["fd00:1::10"])
        #expect(try server.dig("grafana.example.com") == ["pve.lab.example.com.", "192.168.1.10"])
        #expect(try server.dig("grafana.example.com", type: "CNAME") == ["pve.lab.example.com."])
        #expect(try server.dig("shop.k8s.example.com") == ["192.168.1.101"])
        #expect(try server.dig("pihole.lan") == ["192.168.1.2"], "the foreign entry is still served")
    }

    @Test func changedAddressIsAnUpdateAndDnsmasqServesTheNewOne() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let db = try DNSTestLab.database(in: folder, targets: Self.targets(folder))
        let (plan, provider) = try Self.plan(db)
        #expect(provider.apply(plan).succeeded)

        let moved = DNSTestLab.yaml(targets: Self.targets(folder)).replacingOccurrences(of: "ip: 192.168.1.25", with: "ip: 192.168.1.27")
            .replacingOccurrences(of: "value: pve.lab.example.com", with: "value: gitlab.lab.example.com")
        try LabImporter(database: db).apply(try LabFileParser(file: "moved.yaml").parse(moved))
        let (update, provider2) = try Self.plan(db)
        #expect(update.changes.map(\.description) == [
            "~ update A gitlab.lab.example.com 192.168.1.25 → 192.168.1.27",
            "~ update CNAME grafana.example.com pve.lab.example.com → gitlab.lab.example.com",
        ])
        #expect(provider2.apply(update).succeeded)
        let hosts = try String(contentsOfFile: folder.file("custom.list"), encoding: .utf8)
        #expect(!hosts.contains("192.168.1.25"))
        #expect(try Self.plan(db).0.isEmpty)

        let server = try DNSMasqServer(hostsFile: folder.file("custom.list"), confFile: folder.file("cname.conf"))
        defer { server.stop() }
        #expect(try server.dig("gitlab.lab.example.com") == ["192.168.1.27"])
        #expect(try server.dig("grafana.example.com", type: "CNAME") == ["gitlab.lab.example.com."])
    }

    @Test func cnameTTLIsWrittenServedAndUpdatedWhileHostsTTLsAreAutomatic() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let withTTL = DNSTestLab.yaml(targets: Self.targets(folder))
            .replacingOccurrences(of: "value: pve.lab.example.com\n        view: internal", with: "value: pve.lab.example.com\n        view: internal\n        ttl: 300")
            .replacingOccurrences(of: "value: 192.168.1.101\n        view: internal", with: "value: 192.168.1.101\n        view: internal\n        ttl: 600")
        #expect(withTTL.contains("ttl: 300") && withTTL.contains("ttl: 600"))
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        try LabImporter(database: db).apply(try LabFileParser(file: "ttl.yaml").parse(withTTL))
        let (plan, provider) = try Self.plan(db)
        // dnsmasq keeps a CNAME's TTL; a wildcard address= line has none, so its TTL is automatic.
        #expect(plan.changes.map(\.description).contains("+ create CNAME grafana.example.com pve.lab.example.com ttl=300"))
        #expect(plan.changes.map(\.description).contains("+ create A *.k8s.example.com 192.168.1.101"))
        #expect(provider.apply(plan).succeeded)
        #expect(try String(contentsOfFile: folder.file("cname.conf"), encoding: .utf8).contains("cname=grafana.example.com,pve.lab.example.com,300\n"))
        #expect(try Self.plan(db).0.isEmpty)
        do {
            let server = try DNSMasqServer(hostsFile: folder.file("custom.list"), confFile: folder.file("cname.conf"))
            defer { server.stop() }
            let answer = try server.answers("grafana.example.com", type: "CNAME")
            #expect(answer.count == 1 && answer.first?.type == "CNAME" && answer.first?.ttl == 300, "\(answer)")
        }

        try LabImporter(database: db).apply(try LabFileParser(file: "ttl.yaml").parse(withTTL.replacingOccurrences(of: "ttl: 300", with: "ttl: 900")))
        let (update, provider2) = try Self.plan(db)
        #expect(update.changes.map(\.description) == ["~ update CNAME grafana.example.com ttl=300 → ttl=900"])
        #expect(provider2.apply(update).succeeded)
        #expect(try Self.plan(db).0.isEmpty)
        let server = try DNSMasqServer(hostsFile: folder.file("custom.list"), confFile: folder.file("cname.conf"))
        defer { server.stop() }
        #expect(try server.answers("grafana.example.com", type: "CNAME").first?.ttl == 900)
    }

    @Test func unwritableFolderFailsWithTheFileNamedAndNothingOwned() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let targets = Self.targets(folder).replacingOccurrences(of: folder.file("cname.conf"), with: "/nonexistent-labdb-dir/cname.conf")
        let db = try DNSTestLab.database(in: folder, targets: targets)
        let (plan, provider) = try Self.plan(db)
        let report = provider.apply(plan)
        #expect(!report.succeeded)
        #expect(report.applied.count == 3, "the hosts file was written")
        #expect(report.failed.count == 2)
        #expect(report.failed.allSatisfy { $0.reason.contains("/nonexistent-labdb-dir/cname.conf") })
        // A re-run plans only what failed.
        let (again, _) = try Self.plan(db)
        #expect(again.creates.count == 2)
    }
}
