import LabTestSupport
import Foundation
import Testing

/// `labdb ip allocate RANGE --to NAME --new-service`: the service is created, recorded and exported.
@Suite("labdb ip allocate --new-service", .serialized)
struct NewServiceCommandTests {
    let folder: TemporaryFolder
    let db: String

    init() throws {
        folder = try TemporaryFolder()
        db = folder.file("lab.db")
        let seeded = try LabdbProcess.run(["init", "--db", db, "--seed", LabdbProcess.seed])
        #expect(seeded.status == 0, "\(seeded.stderr)")
    }

    func labdb(_ arguments: String...) throws -> LabdbProcess.Result {
        try LabdbProcess.run(["--db", db] + arguments)
    }

    @Test("without the flag: refused with the hint; a typo still gets did you mean")
    func refusals() throws {
        let unknown = try labdb("ip", "allocate", "metallb", "--to", "grafana-lb")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "labdb: no machine or service named 'grafana-lb'; add it to the lab file first (`labdb hosts`, `labdb vms`), or pass --new-service to create it as a service\n")
        let typo = try labdb("ip", "allocate", "metallb", "--to", "prod-ingres", "--new-service")
        #expect(typo.status == 1)
        #expect(typo.stderr.hasPrefix("labdb: no machine or service named 'prod-ingres'; did you mean 'prod-ingress'?"))
        let cluster = try labdb("ip", "allocate", "metallb", "--to", "grafana-lb", "--cluster", "prod")
        #expect(cluster.status == 2)
        #expect(cluster.stderr.contains("--cluster describes a new service; add --new-service"))
        let export = try labdb("export")
        #expect(!export.stdout.contains("grafana-lb") && !export.stdout.contains("prod-ingres\n"))
    }

    @Test("with the flag: the address on stdout, the service noted on stderr, in history and export; a second run is refused")
    func createsRecordsAndExports() throws {
        let created = try labdb("ip", "allocate", "metallb", "--to", "grafana-lb", "--new-service", "--cluster", "prod",
                                "--description", "Grafana LoadBalancer")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "192.168.1.102\n")
        #expect(created.stderr == "labdb: created service grafana-lb\n")
        let history = try labdb("history", "grafana-lb", "--format", "json")
        #expect(history.stdout.contains("\"operation\":\"insert\",\"table\":\"services\""))
        #expect(history.stdout.contains("--new-service"))
        let export = try labdb("export")
        #expect(export.stdout.contains("  - name: grafana-lb\n    cluster: prod\n    description: Grafana LoadBalancer\n    addresses:\n      - ip: 192.168.1.102\n"))
        let again = try labdb("ip", "allocate", "metallb", "--to", "grafana-lb", "--new-service")
        #expect(again.status == 1)
        #expect(again.stderr.contains("service 'grafana-lb' already exists"))
        // Re-importing the export changes nothing: the service is an ordinary part of the lab.
        let file = folder.file("export.yaml")
        try export.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let reimport = try labdb("import", file, "--dry-run")
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(!reimport.stdout.contains("grafana-lb"))
    }

    @Test("with --separately the first transaction creates the service and the others allocate to it")
    func separately() throws {
        let result = try labdb("ip", "allocate", "metallb", "--to", "harbor-lb", "--new-service", "--count", "3", "--separately")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "192.168.1.102\n192.168.1.103\n192.168.1.104\n")
        #expect(result.stderr == "labdb: created service harbor-lb\n")
        let held = try labdb("query", "ips of harbor-lb select ip")
        #expect(held.stdout.contains("(3 rows)"))
    }

    @Test("json output names the new service as the holder")
    func jsonOutput() throws {
        let json = try labdb("ip", "allocate", "metallb", "--to", "argocd-lb", "--new-service", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"holder\":\"service argocd-lb\""))
    }
}
