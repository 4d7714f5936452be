import LabModel

/// The Ansible dynamic inventory of a lab: groups, group variables and host variables,
/// following the inventory-script contract (`--list` with `_meta.hostvars`, `--host NAME`).
///
/// Groups: `cluster_<name>` with children per role (`cluster_<name>_control_plane`,
/// `cluster_<name>_workers`, `cluster_<name>_all_in_one`, each present when the cluster
/// has nodes of that role), `infra_vms` (guests in no cluster), `edge_pis` (Raspberry Pis),
/// `proxmox_hosts` (physical machines that run guests or are tagged `proxmox`),
/// `tag_<tag>`, `range_<range>`, `ungrouped` (enabled machines in no other group), and
/// the groups of the lab file's `groups:`. Disabled machines are in no group and not in
/// `_meta.hostvars` (so no play reaches them); `--host` still describes them.
public struct AnsibleInventory: Sendable {
    /// One inventory group.
    public struct Group: Sendable, Hashable {
        public let name: String
        /// Host names, sorted.
        public var hosts: [String]
        /// Child group names, sorted.
        public var children: [String]
        public var vars: [String: JSONValue]
    }

    /// Every group except `all`, sorted by name.
    public let groups: [Group]
    /// Variables of `all` (from the lab file's `groups:`).
    public let allVars: [String: JSONValue]
    /// The enabled machines (the inventory's hosts), sorted by name as JSON sorts keys.
    let hosts: [Machine]
    let index: MachineIndex
    /// Which variables each host gets.
    public let facts: InventoryFacts

    /// Builds the inventory of `lab`. Host variables are made when written.
    public init(lab: Lab, facts: InventoryFacts = .full) {
        self.facts = facts
        index = MachineIndex(lab: lab)
        hosts = lab.machines.filter(\.enabled).sorted { JSONWriter.keyOrder($0.name, $1.name) }
        let built = AnsibleInventory.groups(of: lab, index: index)
        groups = built.groups
        allVars = built.allVars
    }

    /// The inventory's host names (enabled machines), sorted.
    public var hostNames: [String] { hosts.map(\.name) }

    /// The `--list` document: `_meta.hostvars`, `all` and every group.
    public func list() -> JSONValue {
        var hostvars = [String: JSONValue](minimumCapacity: hosts.count)
        for machine in hosts { hostvars[machine.name] = .fields(AnsibleInventory.hostVars(of: machine, index: index, facts: facts)) }
        var document: [String: JSONValue] = ["_meta": .object(["hostvars": .object(hostvars)]), "all": .object(["vars": .object(allVars)])]
        for group in groups { document[group.name] = .object(body(of: group)) }
        return .object(document)
    }

    /// The members of a group's object. `hosts` is always present: an empty group must
    /// be {"hosts": []}, since Ansible reads {} as a host.
    func body(of group: Group) -> [String: JSONValue] {
        var body: [String: JSONValue] = ["hosts": .array(group.hosts.map(JSONValue.string))]
        if !group.children.isEmpty { body["children"] = .array(group.children.map(JSONValue.string)) }
        if !group.vars.isEmpty { body["vars"] = .object(group.vars) }
        return body
    }

    /// The `--host NAME` document: the machine's variables (case-insensitive name),
    /// also for a disabled machine; nil when there is no such machine.
    public func host(_ name: String) -> JSONValue? {
        let key = name.labKey
        // One look-up: a linear search beats building a 10,000-entry dictionary that `--list` never uses.
        guard let machine = index.machines.first(where: { $0.name.labKey == key }) else { return nil }
        return .fields(AnsibleInventory.hostVars(of: machine, index: index, facts: facts))
    }
}
