import LabModel

/// Every group of an inventory before any host is placed in it: final names (collisions
/// resolved), children, variables, and the look-ups that say which groups a machine
/// belongs to. Groups are numbered; both inventory builders (`AnsibleInventory` from a
/// `Lab`, `InventoryWriter` straight from the database) place machines through
/// `appendDerivedGroups(...)`, so they cannot disagree on the rules.
struct InventoryGroupPlan: Sendable {
    /// The fixed groups, always present (empty when nothing matches).
    static let fixedGroups = ["edge_pis", "infra_vms", "proxmox_hosts", "ungrouped"]
    static let edgePis: Int32 = 0, infraVMs: Int32 = 1, proxmoxHosts: Int32 = 2, ungrouped: Int32 = 3

    /// Group names, by group number.
    private(set) var names: [String] = []
    /// Child group numbers, by group number.
    private(set) var children: [[Int32]] = []
    /// Group variables, by group number.
    private(set) var vars: [[String: JSONValue]] = []
    /// Variables of `all`.
    private(set) var allVars: [String: JSONValue] = [:]
    /// Group numbers by name.
    private var numbers: [String: Int32] = [:]
    /// The group of each cluster's nodes of a role, by cluster key (lower-cased name).
    private var roleGroups: [String: [NodeRole: Int32]] = [:]
    /// The group of each tag, by tag.
    private(set) var tagGroups: [String: Int32] = [:]
    /// The group of each range, by range key (lower-cased name).
    private(set) var rangeGroups: [String: Int32] = [:]

    /// The groups of a lab with `clusters` (whose nodes have the roles in `rolesByCluster`,
    /// keyed by lower-cased cluster name), machine `tags`, `ranges` (names) and the lab
    /// file's `userGroups`.
    init(clusters: [Cluster], rolesByCluster: [String: Set<NodeRole>], tags: Set<String>, ranges: [String], userGroups: [InventoryGroup]) {
        // 1. Ask for a name for every generated group, then resolve collisions once.
        var requests: [AnsibleGroupNaming.Request] = []
        func request(_ key: String, _ sanitized: (name: String, changed: Bool), suffix: String = "") {
            requests.append(.init(key: key, name: sanitized.name + suffix, changed: sanitized.changed))
        }
        for cluster in clusters {
            let key = cluster.name.labKey
            let base = AnsibleGroupNaming.sanitize(cluster.name, prefix: "cluster_")
            request("cluster:\(key)", base)
            for role in NodeRole.allCases where rolesByCluster[key]?.contains(role) == true {
                request("cluster:\(key)/\(role.rawValue)", base, suffix: InventoryGroupPlan.suffix(of: role))
            }
        }
        let sortedTags = tags.sorted()
        for tag in sortedTags { request("tag:\(tag)", AnsibleGroupNaming.sanitize(tag, prefix: "tag_")) }
        for range in ranges { request("range:\(range.labKey)", AnsibleGroupNaming.sanitize(range, prefix: "range_")) }
        let naming = AnsibleGroupNaming(requests, reserved: Set(InventoryGroupPlan.fixedGroups + ["all"]))

        // 2. Number them: the fixed groups first, so their numbers are the constants above.
        for name in InventoryGroupPlan.fixedGroups { _ = group(name) }
        for cluster in clusters {
            let key = cluster.name.labKey
            let parent = group(naming.names["cluster:\(key)"]!)
            if let distribution = cluster.distribution { vars[Int(parent)]["labdb_distribution"] = .ansibleUnsafe(distribution) }
            for role in NodeRole.allCases {
                guard let name = naming.names["cluster:\(key)/\(role.rawValue)"] else { continue }
                let child = group(name)
                children[Int(parent)].append(child)
                roleGroups[key, default: [:]][role] = child
            }
        }
        for tag in sortedTags { tagGroups[tag] = group(naming.names["tag:\(tag)"]!) }
        for range in ranges { rangeGroups[range.labKey] = group(naming.names["range:\(range.labKey)"]!) }

        // 3. The lab file's group variables: `all`, a generated group, or a new group of the user's own.
        for userGroup in userGroups {
            let values = userGroup.vars.mapValues(JSONValue.string)
            if userGroup.name == "all" {
                allVars.merge(values) { _, user in user }
            } else {
                vars[Int(group(userGroup.name))].merge(values) { _, user in user }
            }
        }
    }

    /// The number of the group called `name`, made (empty) when there is none yet.
    private mutating func group(_ name: String) -> Int32 {
        if let number = numbers[name] { return number }
        let number = Int32(names.count)
        numbers[name] = number
        names.append(name)
        children.append([])
        vars.append([:])
        return number
    }

    /// The suffix of a cluster's group for nodes of `role`.
    static func suffix(of role: NodeRole) -> String {
        switch role {
        case .controlPlane: return "_control_plane"
        case .worker: return "_workers"
        case .allInOne: return "_all_in_one"
        }
    }

    /// The group of the nodes of `role` in the cluster with key `cluster`.
    func roleGroup(cluster: String, role: NodeRole) -> Int32? { roleGroups[cluster]?[role] }

    /// Completes the groups of one machine, whose cluster-role, tag and range groups are
    /// already in `groups[start...]`: adds the groups its kind and place decide
    /// (`edge_pis`, `infra_vms`, `proxmox_hosts`), else `ungrouped`, and removes repeats.
    /// - Parameters:
    ///   - isNode: whether the machine is a node of any cluster.
    ///   - runsGuests: whether guests are placed on it.
    ///   - taggedProxmox: whether it has the tag `proxmox`.
    static func appendDerivedGroups(to groups: inout [Int32], from start: Int, kind: MachineKind, isNode: Bool, runsGuests: Bool, taggedProxmox: Bool) {
        if kind == .pi { groups.append(edgePis) }
        if kind.isGuest && !isNode { groups.append(infraVMs) }
        if !kind.isGuest && (runsGuests || taggedProxmox) { groups.append(proxmoxHosts) }
        if groups.count == start { groups.append(ungrouped); return }
        // Repeats are rare (two ranges of one machine, say) and lists short: a quadratic pass is cheapest.
        var end = start
        for position in start..<groups.count where !groups[start..<end].contains(groups[position]) {
            groups[end] = groups[position]
            end += 1
        }
        groups.removeSubrange(end...)
    }

    /// Group numbers in the order of their names (JSON key order).
    var numbersByName: [Int32] {
        (0..<Int32(names.count)).sorted { JSONWriter.keyOrder(names[Int($0)], names[Int($1)]) }
    }
}
