import LabIP
import LabModel

extension InventoryBenchmark {
    /// A generated lab of `count` machines: one server per 100 machines (each a Proxmox
    /// host), the rest VMs spread over them; 4 in 5 VMs are nodes of one of 40 clusters
    /// (every 20th a control plane); tags, an address in one of 16 ranges of 10.0.0.0/16
    /// with a DNS name, two disks per VM, an attribute on every third machine, free text
    /// with template markers, and group variables.
    static func generatedLab(machines count: Int) -> Lab {
        var lab = Lab()
        let prefix = IPNetwork("10.0.0.0/16")!
        lab.prefixes = [Prefix(cidr: prefix, name: "bench", description: "generated")]
        for index in 0..<16 {
            let first = IPAddress("10.0.\(index * 16).0")!, last = IPAddress("10.0.\(index * 16 + 15).255")!
            lab.ranges.append(AddressRange(name: "rack-\(index)", prefix: prefix, first: first, last: last, purpose: .static))
        }
        let servers = max(1, count / 100)
        let clusters = 40
        for index in 0..<clusters { lab.clusters.append(Cluster(name: "k8s-\(index)", distribution: "rke2")) }
        for index in 0..<count {
            let isServer = index < servers
            let name = isServer ? "pve-\(index)" : "vm-\(index)"
            let host = isServer ? nil : "pve-\(index % servers)"
            var tags = ["team-\(index % 7)"]
            tags.append(isServer ? "proxmox" : (index % 5 == 0 ? "infra" : "k8s"))
            let attributes = index % 3 == 0 ? ["ansible_user": "ops"] : [:]
            lab.machines.append(Machine(name: name, kind: isServer ? .server : .vm, host: host, model: isServer ? "HP Z440" : nil,
                                        cpus: isServer ? 32 : 4, ram: ByteSize(bytes: (isServer ? 256 : 8) << 30),
                                        description: "generated machine \(index) {{ not a template }}", tags: tags, attributes: attributes))
            let address = IPAddress(family: .v4, value: prefix.network.value + UInt128(index + 1))!
            let range = "rack-\((index + 1) / 4096)"
            lab.allocations.append(Allocation(address: address, holder: .machine(name), prefix: prefix, range: range,
                                              dns: "\(name).bench.example"))
            if isServer {
                lab.pools.append(Pool(host: name, name: "local-lvm", type: .lvmThin, size: ByteSize(bytes: 1 << 50), thin: true))
            } else {
                lab.disks.append(Disk(machine: name, name: "scsi0", size: ByteSize(bytes: 32 << 30), pool: "local-lvm"))
                lab.disks.append(Disk(machine: name, name: "scsi1", size: ByteSize(bytes: 100 << 30), pool: "local-lvm"))
                if index % 5 != 0 {
                    lab.nodes.append(ClusterNode(cluster: "k8s-\(index % clusters)", machine: name,
                                                 role: index % 20 == 1 ? .controlPlane : .worker))
                }
            }
        }
        lab.groups = [InventoryGroup(name: "all", vars: ["ansible_python_interpreter": "/usr/bin/python3"]),
                      InventoryGroup(name: "tag_k8s", vars: ["ansible_become": "true"])]
        return lab.normalized()
    }
}
