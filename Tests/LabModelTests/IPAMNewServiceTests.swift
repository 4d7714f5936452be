import Foundation
import LabIP
import LabModel
import LabStore
import Testing

/// Allocating to a service that does not exist yet (`--new-service`): created in the
/// allocation's transaction, never from a typo, never when the allocation fails.
@Suite("IPAM: allocating to a new service")
struct IPAMNewServiceTests {
    static let labFile = IPAMTestLab.oneRange(cidr: "10.0.0.0/24", first: "10.0.0.10", last: "10.0.0.12") + """

        clusters:
          - name: prod
        """

    func serviceRow(_ lab: IPAMTestLab, _ name: String) throws -> (cluster: String?, description: String?)? {
        try lab.db.first("""
            SELECT c.name AS cluster, s.description FROM services s LEFT JOIN clusters c ON c.id = s.cluster_id WHERE s.name = ?
            """, [.text(name)]).map { ($0.string("cluster"), $0.string("description")) }
    }

    @Test("the service is created with its cluster and description and holds the address")
    func createsTheService() throws {
        let lab = try IPAMTestLab(Self.labFile)
        let request = AllocationRequest(.range("pool"), to: "grafana-lb", newService: NewService(cluster: "prod", description: "Grafana LB"))
        let allocated = try lab.allocator.allocate(request)
        #expect(allocated.map(\.address) == [.of("10.0.0.10")])
        #expect(allocated.map(\.holder) == ["service grafana-lb"])
        #expect(allocated.first?.createdHolder == true)
        let row = try #require(try serviceRow(lab, "grafana-lb"))
        #expect(row.cluster == "prod")
        #expect(row.description == "Grafana LB")
        // The second allocation goes to the now existing service without the flag.
        let again = try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "grafana-lb"))
        #expect(again.first?.createdHolder == false)
        #expect(try lab.db.scalar("SELECT count(*) FROM addresses a JOIN services s ON s.id = a.service_id WHERE s.name = 'grafana-lb'")?.int == 2)
    }

    @Test("without a new service the unknown name is refused with the hint to ask for one")
    func refusalHints() throws {
        let lab = try IPAMTestLab(Self.labFile)
        let error = #expect(throws: IPAMError.self) { try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "grafana-lb")) }
        #expect(error?.description.contains("--new-service") == true)
        #expect(try serviceRow(lab, "grafana-lb") == nil)
    }

    @Test("a typo of an existing name is 'did you mean', with or without a new service; service:NAME forces it")
    func typoIsNotANewService() throws {
        let lab = try IPAMTestLab(Self.labFile.replacingOccurrences(of: "  - name: svc", with: "  - name: prod-ingress"))
        #expect(throws: IPAMError.unknownHolder(name: "prod-ingres", suggestion: "prod-ingress")) {
            try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "prod-ingres"))
        }
        #expect(throws: IPAMError.newServiceLikeExisting(name: "prod-ingres", existing: "prod-ingress")) {
            try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "prod-ingres", newService: NewService()))
        }
        #expect(try serviceRow(lab, "prod-ingres") == nil)
        let forced = try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "service:prod-ingres", newService: NewService()))
        #expect(forced.map(\.holder) == ["service prod-ingres"])
    }

    @Test("an existing name, a bad name, machine:NAME or an unknown cluster is refused")
    func refusals() throws {
        let lab = try IPAMTestLab(Self.labFile)
        let new = NewService()
        #expect(throws: IPAMError.holderExists(name: "svc", kind: "service")) { try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "svc", newService: new)) }
        #expect(throws: IPAMError.holderExists(name: "a", kind: "machine")) { try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "A", newService: new)) }
        #expect(throws: IPAMError.invalidServiceName(name: "bad name")) { try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "bad name", newService: new)) }
        #expect(throws: IPAMError.newServiceNamedMachine(name: "web")) { try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "machine:web", newService: new)) }
        #expect(throws: IPAMError.unknownCluster(name: "prd", suggestion: "prod")) {
            try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "web-lb", newService: NewService(cluster: "prd")))
        }
        #expect(try lab.db.scalar("SELECT count(*) FROM services")?.int == 1)
    }

    @Test("a failed allocation creates no service: the range is full, or the exact address is taken")
    func failureCreatesNothing() throws {
        let lab = try IPAMTestLab(Self.labFile)
        #expect(throws: IPAMError.tooFewFree(name: "pool", free: 3, asked: 4, size: "3")) {
            try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "web-lb", count: 4, newService: NewService()))
        }
        try lab.allocator.allocate(.of("10.0.0.11"), to: "svc")
        #expect(throws: IPAMError.addressTaken(address: .of("10.0.0.11"), holder: "service svc")) {
            try lab.allocator.allocate(AllocationRequest(.address(.of("10.0.0.11")), to: "web-lb", newService: NewService()))
        }
        #expect(try serviceRow(lab, "web-lb") == nil)
        let exact = try lab.allocator.allocate(AllocationRequest(.address(.of("10.0.0.12")), to: "web-lb", newService: NewService()))
        #expect(exact.map(\.holder) == ["service web-lb"])
        #expect(exact.first?.createdHolder == true)
    }

    @Test("the new service is in the history and in the exported lab, which imports as a no-op")
    func historyAndExport() throws {
        let lab = try IPAMTestLab(Self.labFile)
        lab.db.changeContext = ChangeContext(user: "tester", command: "labdb ip allocate pool --to web-lb --new-service")
        try lab.allocator.allocate(AllocationRequest(.range("pool"), to: "web-lb", newService: NewService(cluster: "prod", description: "Web")))
        let recorded = try lab.db.query("SELECT table_name, operation FROM changes WHERE object = 'web-lb' OR related = 'web-lb' ORDER BY id")
            .map { "\($0.string("table_name") ?? "") \($0.string("operation") ?? "")" }
        #expect(recorded.contains("services insert"))
        let exported = LabYAMLWriter().write(try Lab(database: lab.db))
        #expect(exported.contains("- name: web-lb"))
        let plan = try LabImporter(database: lab.db).plan(try LabFileParser(file: "export.yaml").parse(exported))
        #expect(plan.isEmpty)
    }
}
