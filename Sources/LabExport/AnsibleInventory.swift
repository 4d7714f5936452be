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
    /// Host variables of every enabled machine (in key order), by inventory host name.
    public let hostVars: [String: [JSONField]]
    /// Host variables of disabled machines, by host name (for `--host`).
    let disabledHostVars: [String: [JSONField]]
    /// Lower-cased machine name to its name, for case-insensitive `--host`.
    let canonicalNames: [String: String]

    /// Builds the inventory of `lab`.
    public init(lab: Lab) {
        let index = MachineIndex(lab: lab)
        var enabledVars = [String: [JSONField]](minimumCapacity: lab.machines.count)
        var disabledVars: [String: [JSONField]] = [:]
        var canonical = [String: String](minimumCapacity: lab.machines.count)
        for machine in lab.machines {
            canonical[machine.name.labKey] = machine.name
            let vars = AnsibleInventory.hostVars(of: machine, index: index)
            if machine.enabled { enabledVars[machine.name] = vars } else { disabledVars[machine.name] = vars }
        }
        let built = AnsibleInventory.groups(of: lab, index: index)
        groups = built.groups
        allVars = built.allVars
        hostVars = enabledVars
        disabledHostVars = disabledVars
        canonicalNames = canonical
    }

    /// The `--list` document: `_meta.hostvars`, `all` and every group.
    public func list() -> JSONValue {
        var document: [String: JSONValue] = [
            "_meta": .object(["hostvars": .object(hostVars.mapValues(JSONValue.fields))]),
            "all": .object(["vars": .object(allVars)]),
        ]
        for group in groups {
            // `hosts` is always present: an empty group must be {"hosts": []}, since {} reads as a host.
            var body: [String: JSONValue] = ["hosts": .array(group.hosts.map(JSONValue.string))]
            if !group.children.isEmpty { body["children"] = .array(group.children.map(JSONValue.string)) }
            if !group.vars.isEmpty { body["vars"] = .object(group.vars) }
            document[group.name] = .object(body)
        }
        return .object(document)
    }

    /// The `--host NAME` document: the machine's variables (case-insensitive name),
    /// also for a disabled machine; nil when there is no such machine.
    public func host(_ name: String) -> JSONValue? {
        guard let canonical = canonicalNames[name.labKey] else { return nil }
        return (hostVars[canonical] ?? disabledHostVars[canonical]).map(JSONValue.fields)
    }

    /// Every machine name, for suggestions.
    public var machineNames: [String] { canonicalNames.values.sorted() }
}
