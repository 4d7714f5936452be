import LabModel

extension AnsibleInventory {
    /// The fixed groups, always present (empty when nothing matches).
    static let fixedGroups = ["edge_pis", "infra_vms", "proxmox_hosts", "ungrouped"]

    /// The suffix of a cluster's group for nodes of `role`.
    static func suffix(of role: NodeRole) -> String {
        switch role {
        case .controlPlane: return "_control_plane"
        case .worker: return "_workers"
        case .allInOne: return "_all_in_one"
        }
    }

    /// Builds every group of `lab` and the variables of `all`.
    static func groups(of lab: Lab, index: MachineIndex) -> (groups: [Group], allVars: [String: JSONValue]) {
        // 1. Ask for a name for every generated group, then resolve collisions once.
        var requests: [AnsibleGroupNaming.Request] = []
        func request(_ key: String, _ sanitized: (name: String, changed: Bool), suffix: String = "") {
            requests.append(.init(key: key, name: sanitized.name + suffix, changed: sanitized.changed))
        }
        var rolesByCluster: [String: Set<NodeRole>] = [:]
        for node in lab.nodes { rolesByCluster[node.cluster.labKey, default: []].insert(node.role) }
        for cluster in lab.clusters {
            let base = AnsibleGroupNaming.sanitize(cluster.name, prefix: "cluster_")
            request("cluster:\(cluster.name.labKey)", base)
            for role in NodeRole.allCases where rolesByCluster[cluster.name.labKey]?.contains(role) == true {
                request("cluster:\(cluster.name.labKey)/\(role.rawValue)", base, suffix: suffix(of: role))
            }
        }
        let tags = Set(lab.machines.flatMap(\.tags)).sorted()
        for tag in tags { request("tag:\(tag)", AnsibleGroupNaming.sanitize(tag, prefix: "tag_")) }
        for range in lab.ranges { request("range:\(range.name.labKey)", AnsibleGroupNaming.sanitize(range.name, prefix: "range_")) }
        let naming = AnsibleGroupNaming(requests, reserved: Set(fixedGroups + ["all"]))

        // 2. Fill them.
        var groups: [String: Group] = [:]
        func group(_ name: String) -> String {
            if groups[name] == nil { groups[name] = Group(name: name, hosts: [], children: [], vars: [:]) }
            return name
        }
        for name in fixedGroups { _ = group(name) }
        for cluster in lab.clusters {
            let key = "cluster:\(cluster.name.labKey)"
            let name = group(naming.names[key]!)
            if let distribution = cluster.distribution { groups[name]!.vars["labdb_distribution"] = .ansibleUnsafe(distribution) }
            for role in NodeRole.allCases {
                guard let child = naming.names["\(key)/\(role.rawValue)"] else { continue }
                groups[name]!.children.append(group(child))
            }
        }
        for tag in tags { _ = group(naming.names["tag:\(tag)"]!) }
        for range in lab.ranges { _ = group(naming.names["range:\(range.name.labKey)"]!) }

        // Group names by tag and by range name, looked up once rather than per machine.
        var tagGroups: [String: String] = [:]
        for tag in tags { tagGroups[tag] = naming.names["tag:\(tag)"]! }
        var rangeGroups: [String: String] = [:]
        for range in lab.ranges { rangeGroups[range.name] = naming.names["range:\(range.name.labKey)"] }
        for machine in lab.machines where machine.enabled {
            let key = machine.name.labKey
            var memberships: [String] = []
            for node in index.nodes[key] ?? [] {
                if let name = naming.names["cluster:\(node.cluster.labKey)/\(node.role.rawValue)"] { memberships.append(name) }
            }
            for tag in machine.tags { memberships.append(tagGroups[tag]!) }
            for allocation in index.addresses[key] ?? [] {
                if let range = allocation.range,
                   let name = rangeGroups[range] ?? naming.names["range:\(range.labKey)"] { memberships.append(name) }
            }
            if machine.kind == .pi { memberships.append("edge_pis") }
            if machine.kind.isGuest && (index.nodes[key] ?? []).isEmpty { memberships.append("infra_vms") }
            if !machine.kind.isGuest && (index.hypervisors.contains(key) || machine.tags.contains("proxmox")) { memberships.append("proxmox_hosts") }
            if memberships.isEmpty { memberships.append("ungrouped") }
            for (position, name) in memberships.enumerated() where !memberships[..<position].contains(name) {
                groups[name]!.hosts.append(machine.name)
            }
        }

        // 3. The lab file's group variables: `all`, a generated group, or a new group of the user's own.
        var allVars: [String: JSONValue] = [:]
        for userGroup in lab.groups {
            let vars = userGroup.vars.mapValues(JSONValue.string)
            if userGroup.name == "all" {
                allVars.merge(vars) { _, user in user }
            } else {
                let name = group(userGroup.name)
                groups[name]!.vars.merge(vars) { _, user in user }
            }
        }
        let sorted = groups.values.map { group -> Group in
            var group = group
            group.hosts.sort()
            group.children.sort()
            return group
        }.sorted { $0.name < $1.name }
        return (sorted, allVars)
    }
}
