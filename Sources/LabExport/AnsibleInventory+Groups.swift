import LabModel

extension AnsibleInventory {
    /// Builds every group of `lab` and the variables of `all`.
    static func groups(of lab: Lab, index: MachineIndex) -> (groups: [Group], allVars: [String: JSONValue]) {
        var rolesByCluster: [String: Set<NodeRole>] = [:]
        for node in lab.nodes { rolesByCluster[node.cluster.labKey, default: []].insert(node.role) }
        let plan = InventoryGroupPlan(clusters: lab.clusters, rolesByCluster: rolesByCluster, tags: Set(lab.machines.flatMap(\.tags)),
                                      ranges: lab.ranges.map(\.name), userGroups: lab.groups)
        var hosts = [[String]](repeating: [], count: plan.names.count)
        var memberships: [Int32] = []
        for machine in lab.machines where machine.enabled {
            let key = machine.name.labKey
            let nodes = index.nodes[key] ?? []
            memberships.removeAll(keepingCapacity: true)
            for node in nodes {
                if let group = plan.roleGroup(cluster: node.cluster.labKey, role: node.role) { memberships.append(group) }
            }
            for tag in machine.tags { memberships.append(plan.tagGroups[tag]!) }
            for allocation in index.addresses[key] ?? [] {
                if let range = allocation.range, let group = plan.rangeGroups[range.labKey] { memberships.append(group) }
            }
            InventoryGroupPlan.appendDerivedGroups(to: &memberships, from: 0, kind: machine.kind, isNode: !nodes.isEmpty,
                                                   runsGuests: index.hypervisors.contains(key), taggedProxmox: machine.tags.contains("proxmox"))
            for group in memberships { hosts[Int(group)].append(machine.name) }
        }
        let groups = plan.numbersByName.map { number in
            let number = Int(number)
            return Group(name: plan.names[number], hosts: hosts[number].sorted(by: JSONWriter.keyOrder),
                         children: plan.children[number].map { plan.names[Int($0)] }.sorted(by: JSONWriter.keyOrder), vars: plan.vars[number])
        }
        return (groups, plan.allVars)
    }
}
