import LabIP
import LabModel

/// A lab's machines with their addresses, disks and cluster memberships at hand,
/// looked up by lower-cased machine name (machine names are case-insensitive).
struct MachineIndex: Sendable {
    let machines: [Machine]
    /// Each machine's addresses, primary (lowest position) first.
    let addresses: [String: [Allocation]]
    let disks: [String: [Disk]]
    /// Each machine's cluster memberships, by cluster name.
    let nodes: [String: [ClusterNode]]
    /// Lower-cased names of machines that have guests placed on them.
    let hypervisors: Set<String>

    init(lab: Lab) {
        machines = lab.machines
        // Sized up front, so that no table is rehashed as it grows.
        var addresses = [String: [Allocation]](minimumCapacity: lab.machines.count)
        var several: [String] = []
        for allocation in lab.allocations {
            guard case .machine(let name) = allocation.holder else { continue }
            let key = name.labKey
            addresses[key, default: []].append(allocation)
            if addresses[key]!.count == 2 { several.append(key) }
        }
        // Allocations arrive sorted by address, so a stable sort by position keeps address order among equals.
        // Only machines with several addresses need it (rebuilding every list would copy them all).
        for key in several {
            addresses[key] = addresses[key]!.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        }
        self.addresses = addresses
        var disks = [String: [Disk]](minimumCapacity: lab.machines.count)
        for disk in lab.disks { disks[disk.machine.labKey, default: []].append(disk) }
        self.disks = disks
        var nodes = [String: [ClusterNode]](minimumCapacity: lab.machines.count)
        for node in lab.nodes { nodes[node.machine.labKey, default: []].append(node) }
        // By cluster name, so a machine's first membership does not depend on input order.
        self.nodes = nodes.mapValues { list in list.count > 1 ? list.sorted { $0.cluster.labKey < $1.cluster.labKey } : list }
        hypervisors = Set(lab.machines.compactMap { $0.host?.labKey })
    }

    /// The machine's primary address: the one with the lowest position.
    func primaryAddress(of machine: Machine) -> IPAddress? { addresses[machine.name.labKey]?.first?.address }

    /// The machine's first cluster membership (by cluster name).
    func membership(of machine: Machine) -> ClusterNode? { nodes[machine.name.labKey]?.first }
}
