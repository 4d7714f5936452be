import Foundation
import LabDNS
import LabIP
import LabModel
import LabStore
import Testing

@Suite("DNS Pi-hole v6 API provider against a local stand-in")
struct DNSPiholeAPIProviderTests {
    static let password = "correct horse battery staple"

    static func setUp(_ folder: DNSTempFolder, seats: Int = 16) throws -> (Database, DNSFixtureServer) {
        let server = try DNSFixtureServer(script: "pihole_server.py", arguments: [password, String(seats)])
        let targets = """
            dns_targets:
              - name: pihole
                kind: pihole-api
                zone: example.com
                view: internal
                url: \(server.url)/
            """
        return (try DNSTestLab.database(in: folder, targets: targets), server)
    }

    static func run(_ db: Database, password: String = password, apply: Bool) throws -> (DNSPlan, DNSApplyReport?) {
        let sync = DNSSync(database: db, environment: [SecretReader.piholePassword: password])
        let target = try sync.targets(named: "pihole")[0]
        let provider = try sync.provider(for: target)
        defer { provider.close() }
        let plan = try sync.plan(target, provider: provider)
        return (plan, apply ? provider.apply(plan) : nil)
    }

    @Test func applyCreatesEntriesKeepsForeignOnesRestartsOnceAndLogsOut() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        try server.post("/__control", ["hosts": ["192.168.1.2 pihole.lan", "192.168.1.3 printer.example.com"], "cnameRecords": ["nas.example.com,pihole.lan"]])

        let (plan, report) = try Self.run(db, apply: true)
        #expect(plan.changes.map(\.description) == [
            "+ create A *.k8s.example.com 192.168.1.101",
            "+ create A gitlab.lab.example.com 192.168.1.25",
            "+ create CNAME grafana.example.com pve.lab.example.com",
            "+ create A pve.lab.example.com 192.168.1.10",
            "+ create AAAA pve.lab.example.com fd00:1::10",
        ])
        #expect(plan.skipped.isEmpty, "the wildcard is published as a dnsmasq line, not skipped")
        #expect(report?.succeeded == true, "\(String(describing: report))")

        let state = try server.state()
        #expect(state["hosts"] as? [String] == ["192.168.1.2 pihole.lan", "192.168.1.3 printer.example.com", "192.168.1.25 gitlab.lab.example.com",
                                                "192.168.1.10 pve.lab.example.com", "fd00:1::10 pve.lab.example.com"])
        #expect(state["cnameRecords"] as? [String] == ["nas.example.com,pihole.lan", "grafana.example.com,pve.lab.example.com"])
        #expect(state["restarts"] as? Int == 1, "one resolver restart at the end")
        #expect(state["implicit_restarts"] as? Int == 0, "every entry change carries restart=false")
        #expect(state["logins"] as? Int == 1)
        #expect(state["logouts"] as? Int == 1)
        #expect(state["open_sessions"] as? Int == 0)

        #expect(state["dnsmasq_lines"] as? [String] == ["address=/k8s.example.com/192.168.1.101"])
        #expect(state["config_patches"] as? Int == 1)

        let (second, _) = try Self.run(db, apply: false)
        #expect(second.isEmpty, "\(second.changes)")
        #expect(second.ownedCount == 5)
    }

    @Test("the *.k8s wildcard goes to misc.dnsmasq_lines: foreign lines kept exactly, updates and deletes touch only labdb's line, dnsmasq serves the result")
    func wildcardInDnsmasqLines() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        let foreign = ["server=/corp.example.net/10.9.8.7", "address=/ads.example.org/0.0.0.0", "# the admin's note"]
        try server.post("/__control", ["dnsmasq_lines": foreign])

        let (plan, report) = try Self.run(db, apply: true)
        #expect(plan.creates.contains { $0.record.name == "*.k8s.example.com" })
        #expect(!plan.changes.contains { $0.record.name == "*.ads.example.org" }, "a foreign wildcard is not labdb's to delete")
        #expect(report?.succeeded == true, "\(String(describing: report))")
        #expect(try server.state()["dnsmasq_lines"] as? [String] == foreign + ["address=/k8s.example.com/192.168.1.101"])

        // The lab moves the wildcard: only labdb's line changes; the others stay where they were.
        try db.execute("UPDATE records SET value = '192.168.1.102' WHERE name = '*.k8s'")
        let (moved, movedReport) = try Self.run(db, apply: true)
        #expect(moved.changes.map(\.description) == ["~ update A *.k8s.example.com 192.168.1.101 → 192.168.1.102"], "\(moved.changes.map(\.description))")
        #expect(movedReport?.succeeded == true)
        let lines = try #require(try server.state()["dnsmasq_lines"] as? [String])
        #expect(lines == foreign + ["address=/k8s.example.com/192.168.1.102"])

        // dnsmasq serves exactly those lines: any name under k8s answers the wildcard's address.
        let conf = folder.file("dnsmasq_lines.conf"), hosts = folder.file("hosts")
        try (lines.joined(separator: "\n") + "\n").write(toFile: conf, atomically: true, encoding: .utf8)
        try "".write(toFile: hosts, atomically: true, encoding: .utf8)
        let dnsmasq = try DNSMasqServer(hostsFile: hosts, confFile: conf); defer { dnsmasq.stop() }
        #expect(try dnsmasq.dig("shop.k8s.example.com") == ["192.168.1.102"])
        #expect(try dnsmasq.dig("a.b.k8s.example.com") == ["192.168.1.102"])

        // Deleted from the lab: labdb's line goes, the foreign ones stay.
        try db.execute("DELETE FROM records WHERE name = '*.k8s'")
        let (gone, goneReport) = try Self.run(db, apply: true)
        #expect(gone.deletes.map(\.record.name) == ["*.k8s.example.com"])
        #expect(goneReport?.succeeded == true)
        #expect(try server.state()["dnsmasq_lines"] as? [String] == foreign)
    }

    @Test func caseAndSpacingDifferencesAreNotChanges() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        _ = try Self.run(db, apply: true)
        // Someone edits the entries in the web interface: same records, other spelling.
        var hosts = try server.state()["hosts"] as? [String] ?? []
        hosts = hosts.map { $0 == "192.168.1.25 gitlab.lab.example.com" ? "192.168.1.25   GitLab.Lab.Example.COM." : $0 }
        try server.post("/__control", ["hosts": hosts, "cnameRecords": ["Grafana.example.com , PVE.lab.example.com"]])
        let (plan, _) = try Self.run(db, apply: false)
        #expect(plan.isEmpty, "\(plan.changes)")
    }

    @Test func cnameTTLIsSentAsTheEntrysThirdFieldAndUpdated() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        var lab = try Lab(database: db)
        lab.records = lab.records.map { record in
            var record = record
            if record.name == "grafana" { record.ttl = 300 }
            return record
        }
        try LabImporter(database: db).apply(lab)
        let (plan, report) = try Self.run(db, apply: true)
        #expect(plan.changes.map(\.description).contains("+ create CNAME grafana.example.com pve.lab.example.com ttl=300"))
        #expect(report?.succeeded == true)
        #expect((try server.state()["cnameRecords"] as? [String]) == ["grafana.example.com,pve.lab.example.com,300"])
        #expect(try Self.run(db, apply: false).0.isEmpty, "the TTL read back equals the one written")

        lab.records = lab.records.map { record in
            var record = record
            if record.name == "grafana" { record.ttl = nil }
            return record
        }
        try LabImporter(database: db).apply(lab)
        let (update, updated) = try Self.run(db, apply: true)
        #expect(update.changes.map(\.description) == ["~ update CNAME grafana.example.com ttl=300 → ttl=auto"])
        #expect(updated?.succeeded == true)
        #expect((try server.state()["cnameRecords"] as? [String]) == ["grafana.example.com,pve.lab.example.com"])
        #expect(try Self.run(db, apply: false).0.isEmpty)
    }

    @Test func changedAddressIsUpdatedAndRemovedRecordsAreDeleted() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        _ = try Self.run(db, apply: true)
        var lab = try Lab(database: db)
        lab.allocations = lab.allocations.map { a in
            var a = a
            if a.dns == "gitlab.lab.example.com" { a.address = a.address.description == "192.168.1.25" ? IPAddress("192.168.1.27")! : a.address }
            return a
        }
        lab.records.removeAll { $0.name == "grafana" }
        try LabImporter(database: db).apply(lab)

        let (plan, report) = try Self.run(db, apply: true)
        #expect(plan.changes.map(\.description) == [
            "~ update A gitlab.lab.example.com 192.168.1.25 → 192.168.1.27",
            "- delete CNAME grafana.example.com pve.lab.example.com",
        ])
        #expect(report?.succeeded == true)
        let state = try server.state()
        #expect((state["hosts"] as? [String])?.contains("192.168.1.27 gitlab.lab.example.com") == true)
        #expect((state["hosts"] as? [String])?.contains("192.168.1.25 gitlab.lab.example.com") == false)
        #expect((state["cnameRecords"] as? [String])?.isEmpty == true)
        #expect(try Self.run(db, apply: false).0.isEmpty)
        #expect(try server.state()["restarts"] as? Int == 2, "one restart per apply")
        #expect(try server.state()["implicit_restarts"] as? Int == 0)
    }

    @Test func partialFailureIsReportedAndARerunConverges() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        try server.post("/__control", ["fail_put_containing": " pve.lab"])
        let (_, report) = try Self.run(db, apply: true)
        let failed = report?.failed.map(\.change.record.name) ?? []
        #expect(failed == ["pve.lab.example.com", "pve.lab.example.com"])
        #expect(report?.applied.count == 3, "gitlab, the grafana CNAME and the *.k8s wildcard went through")
        #expect(report?.failed.first?.reason.contains("simulated failure") == true)
        try server.post("/__control", ["fail_put_containing": NSNull()])
        let (again, second) = try Self.run(db, apply: true)
        #expect(again.creates.count == 2, "only what failed is planned again")
        #expect(second?.succeeded == true)
        #expect(try Self.run(db, apply: false).0.isEmpty)
    }

    @Test func wrongPasswordFailsClearlyWithoutTheSecret() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        let wrong = "hunter2-not-the-password"
        var message = ""
        do { _ = try Self.run(db, password: wrong, apply: false) } catch { message = "\(error)" }
        #expect(message.contains("target pihole refused the credentials"))
        #expect(message.contains(SecretReader.piholePassword))
        #expect(!message.contains(wrong))
        #expect(try server.state()["failed_logins"] as? Int == 1)
    }

    @Test func exhaustedSeatsAreExplained() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder, seats: 0); defer { server.stop() }
        var message = ""
        do { _ = try Self.run(db, apply: false) } catch { message = "\(error)" }
        #expect(message.contains("429 api_seats_exceeded"))
        #expect(message.contains("too many sessions"))
    }
}

