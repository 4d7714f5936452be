import Foundation
import LabModel
import LabStore
import Testing

@Suite("DNS targets in the lab file")
struct DNSTargetsLabFileTests {
    static let targets = """
        dns_targets:
          - name: pihole
            kind: pihole-api
            zone: example.com
            view: internal
            url: http://pi.hole
          - name: cloudflare
            kind: cloudflare
            zone: Example.com.
            view: public
            description: public records
          - name: pihole-files
            kind: pihole-files
            zone: example.com
            view: internal
            hosts_file: /etc/pihole/custom.list
            cname_file: "/etc/dnsmasq.d/05-pihole-custom-cname.conf"
            reload_command: "pihole restartdns reload"
        """

    @Test func targetsAreStoredAndExportRoundTrips() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let db = try DNSTestLab.database(in: folder, targets: Self.targets)
        let lab = try Lab(database: db)
        #expect(lab.dnsTargets.map(\.name) == ["cloudflare", "pihole", "pihole-files"])
        let files = try #require(lab.dnsTargets.first { $0.kind == .piholeFiles })
        #expect(files.hostsFile == "/etc/pihole/custom.list")
        #expect(files.reloadCommand == "pihole restartdns reload")
        #expect(lab.dnsTargets.first { $0.kind == .cloudflare }?.zone == "example.com")

        let exported = LabYAMLWriter().write(lab)
        #expect(exported.contains("dns_targets:"))
        let reparsed = try LabFileParser(file: "export.yaml").parse(exported)
        #expect(reparsed.dnsTargets == lab.dnsTargets)
        let plan = try LabImporter(database: db).plan(reparsed)
        #expect(plan.isEmpty, "import(export(db)) must be a no-op: \(plan.changes)")
    }

    @Test func changingAndRemovingTargetsIsPlanned() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let db = try DNSTestLab.database(in: folder, targets: Self.targets)
        let changed = Self.targets.replacingOccurrences(of: "http://pi.hole", with: "https://pihole.lan")
            .components(separatedBy: "  - name: pihole-files")[0]
        let plan = try LabImporter(database: db).apply(try LabFileParser(file: "t.yaml").parse(DNSTestLab.yaml(targets: changed)))
        let lines = plan.changes.map(\.description)
        #expect(lines.contains("~ update dns-target pihole: url http://pi.hole → https://pihole.lan"))
        #expect(lines.contains("- delete dns-target pihole-files"))
        #expect(try Lab(database: db).dnsTargets.map(\.name) == ["cloudflare", "pihole"])
    }

    @Test func badTargetsAreReportedWithTheirPath() throws {
        let bad = """
            dns_targets:
              - name: pihole
                kind: pihole-api
                zone: nowhere.org
                view: internal
              - name: files
                kind: pihole-files
                zone: example.com
                view: internal
                hosts_file: /tmp/custom.list
              - name: cf
                kind: cloudfare
                zone: example.com
                view: public
            """
        #expect {
            _ = try LabFileParser(file: "bad.yaml").parse(DNSTestLab.yaml(targets: bad))
        } throws: { error in
            let text = "\(error)"
            return text.contains("dns_targets[0].url") && text.contains("is required for a pihole-api target")
                && text.contains("dns_targets[1].cname_file") && text.contains("did you mean 'cloudflare'")
        }
        let unknownZone = bad.components(separatedBy: "  - name: files")[0] + "    url: http://pi.hole\n"
        #expect {
            _ = try LabFileParser(file: "bad.yaml").parse(DNSTestLab.yaml(targets: unknownZone))
        } throws: { error in "\(error)".contains("names unknown zone 'nowhere.org'") }
    }
}
