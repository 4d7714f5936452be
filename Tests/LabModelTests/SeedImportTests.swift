import Foundation
import LabIP
import Testing
@testable import LabModel

@Suite("The seed lab")
struct SeedImportTests {
    @Test("the seed loads with every item of the lab")
    func everyItem() throws {
        let test = try TestDatabase.seeded()
        let lab = try Lab(database: test.db)
        func machine(_ name: String) throws -> Machine { try #require(lab.machine(named: name), "missing \(name)") }
        func address(of name: String) -> [String] {
            lab.allocations.filter { $0.holder == .machine(name) }.sorted { $0.position < $1.position }.map(\.address.description)
        }
        // The Proxmox host.
        let z440 = try machine("z440")
        #expect(z440.kind == .server)
        #expect(z440.cpus == 12)
        #expect(z440.ram == ByteSize("96G"))
        #expect(address(of: "z440") == ["192.168.1.10"])
        // Pi-hole is an LXC container on the host, at .2; the gateway is .1.
        #expect(try machine("pihole").kind == .lxc)
        #expect(try machine("pihole").host == "z440")
        #expect(address(of: "pihole") == ["192.168.1.2"])
        #expect(lab.allocations.contains { $0.address.description == "192.168.1.1" })
        #expect(lab.prefixes.first?.gateway?.description == "192.168.1.1")
        // Infrastructure VMs with their addresses and RAM.
        for (name, ip, ram) in [("gitlab", "192.168.1.25", "8G"), ("vault", "192.168.1.26", "2G"), ("bastion", "192.168.1.20", "2G"), ("minio", "192.168.1.27", "4G")] {
            #expect(try machine(name).ram == ByteSize(ram), "\(name) RAM")
            #expect(address(of: name) == [ip], "\(name) address")
            #expect(try machine(name).host == "z440")
        }
        // Cluster nodes: names, addresses, roles, RAM, vCPUs.
        let nodes: [(String, String, String, NodeRole, String, Int)] = [
            ("mgmt", "mgmt-cp-01", "192.168.1.30", .controlPlane, "4G", 2),
            ("mgmt", "mgmt-worker-01", "192.168.1.31", .worker, "8G", 4),
            ("mgmt", "mgmt-worker-02", "192.168.1.32", .worker, "8G", 4),
            ("prod", "prod-cp-01", "192.168.1.40", .controlPlane, "4G", 2),
            ("prod", "prod-cp-02", "192.168.1.41", .controlPlane, "4G", 2),
            ("prod", "prod-cp-03", "192.168.1.42", .controlPlane, "4G", 2),
            ("prod", "prod-worker-01", "192.168.1.43", .worker, "12G", 4),
            ("prod", "prod-worker-02", "192.168.1.44", .worker, "12G", 4),
            ("prod", "prod-worker-03", "192.168.1.45", .worker, "12G", 4),
        ]
        for (cluster, name, ip, role, ram, cpus) in nodes {
            #expect(lab.nodes.contains(ClusterNode(cluster: cluster, machine: name, role: role)), "\(name) in \(cluster)")
            #expect(address(of: name) == [ip])
            #expect(try machine(name).ram == ByteSize(ram))
            #expect(try machine(name).cpus == cpus)
        }
        // Production workers: 50 GB OS on local-lvm and 300 GB Longhorn on longhorn-pool.
        for worker in ["prod-worker-01", "prod-worker-02", "prod-worker-03"] {
            let disks = lab.disks.filter { $0.machine == worker }
            #expect(disks.contains { $0.size == ByteSize("50G") && $0.pool == "local-lvm" })
            #expect(disks.contains { $0.size == ByteSize("300G") && $0.pool == "longhorn-pool" })
        }
        // Edge: three Pis at .60-.62, all-in-one, 4 cores.
        let pis = lab.machines.filter { $0.kind == .pi }
        #expect(pis.count == 3)
        #expect(Set(pis.flatMap { address(of: $0.name) }) == ["192.168.1.60", "192.168.1.61", "192.168.1.62"])
        #expect(pis.allSatisfy { $0.cpus == 4 })
        #expect(lab.nodes.filter { $0.cluster == "edge" }.allSatisfy { $0.role == .allInOne })
        // Storage: local, local-lvm, longhorn-pool (4 TB thin on 2 x 2 TB disks).
        let pools = lab.pools.filter { $0.host == "z440" }
        #expect(Set(pools.map(\.name)) == ["local", "local-lvm", "longhorn-pool"])
        let longhorn = try #require(pools.first { $0.name == "longhorn-pool" })
        #expect(longhorn.size == ByteSize("4T"))
        #expect(longhorn.thin)
        #expect(lab.disks.filter { $0.machine == "z440" && $0.pool == "longhorn-pool" }.map(\.size) == [ByteSize("2T"), ByteSize("2T")])
        // The MetalLB pool is exactly .100-.150.
        let metallb = try #require(lab.ranges.first { $0.purpose == .loadBalancer })
        #expect(metallb.first.description == "192.168.1.100")
        #expect(metallb.last.description == "192.168.1.150")
        // Cluster RAM totals: management 20 GB, production 48 GB.
        func ram(of cluster: String) -> Int64 {
            lab.nodes.filter { $0.cluster == cluster }.compactMap { lab.machine(named: $0.machine)?.ram?.bytes }.reduce(0, +)
        }
        #expect(ram(of: "mgmt") == 20 << 30)
        #expect(ram(of: "prod") == 48 << 30)
        // DNS: public www and gitlab (proxied), internal argocd, grafana, harbor, vault, gitlab and *.k8s.
        let zone = "mathiaswouters.com"
        #expect(lab.zones.map(\.name) == [zone])
        let publicNames = Set(lab.records.filter { $0.view == .public }.map(\.name))
        #expect(publicNames == ["www", "gitlab"])
        #expect(lab.records.filter { $0.view == .public && $0.name == "gitlab" }.allSatisfy { $0.proxied })
        let internalNames = Set(lab.records.filter { $0.view == .internal }.map(\.name))
        #expect(internalNames.isSuperset(of: ["argocd", "grafana", "harbor", "vault", "gitlab", "*.k8s"]))
        let wildcard = try #require(lab.records.first { $0.name == "*.k8s" })
        let wildcardAddress = try #require(IPAddress(wildcard.value))
        #expect(metallb.bounds.contains(wildcardAddress))
        // Every host and VM has an internal name.
        for machine in lab.machines {
            #expect(lab.allocations.contains { $0.holder == .machine(machine.name) && $0.dns != nil }, "\(machine.name) has no DNS name")
        }
    }

    @Test("importing the seed twice changes nothing")
    func idempotent() throws {
        let test = try TestDatabase.seeded()
        let before = try test.fingerprint()
        let plan = try LabImporter(database: test.db).apply(try LabFileParser.load(path: Repository.seed))
        #expect(plan.isEmpty)
        #expect(try test.fingerprint() == before)
    }

    @Test("export then import is a no-op, and the export is stable")
    func roundTrip() throws {
        let test = try TestDatabase.seeded()
        let original = try Lab(database: test.db)
        let exported = LabYAMLWriter().write(original)
        let reparsed = try LabFileParser(file: "export.yaml").parse(exported)
        #expect(reparsed == original)
        #expect(try LabImporter(database: test.db).plan(reparsed).isEmpty)
        // Into an empty database: the same lab, the same export.
        let fresh = try TestDatabase()
        try LabImporter(database: fresh.db).apply(reparsed)
        #expect(LabYAMLWriter().write(try Lab(database: fresh.db)) == exported)
    }

    @Test("a changed file yields creates, updates and deletes, applied exactly")
    func changes() throws {
        let test = try TestDatabase.seeded()
        var lab = try Lab(database: test.db)
        lab.machines.removeAll { $0.name == "bastion" }
        lab.allocations.removeAll { $0.holder == .machine("bastion") }
        lab.disks.removeAll { $0.machine == "bastion" }
        let index = try #require(lab.machines.firstIndex { $0.name == "vault" })
        lab.machines[index].ram = ByteSize("4G")
        lab.machines.append(Machine(name: "runner", kind: .vm, host: "z440", cpus: 2, ram: ByteSize("2G")))
        let plan = try LabImporter(database: test.db).apply(lab)
        let lines = plan.changes.map(\.description)
        #expect(lines.contains("~ update machine vault: ram 2G → 4G"))
        #expect(lines.contains { $0.hasPrefix("+ create machine runner") })
        #expect(lines.contains("- delete machine bastion"))
        #expect(lines.contains("- delete address 192.168.1.20"))
        #expect(try Lab(database: test.db) == lab.normalized())
    }
}
