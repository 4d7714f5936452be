import LabModel

extension AnsibleInventory {
    /// The variables of one host: `ansible_host` (the primary address, left out when the
    /// machine has none, so Ansible connects by its name), labdb's facts under `labdb_`,
    /// and the machine's `attributes` as the user's own variables.
    ///
    /// Free text (descriptions, models, disk names, the cluster distribution) is wrapped as
    /// `{"__ansible_unsafe": ...}` so Ansible never templates it. Attributes are the user's
    /// Ansible variables and are passed as written, as a static inventory would pass them;
    /// they may set `ansible_host` but never replace a `labdb_` fact.
    static func hostVars(of machine: Machine, index: MachineIndex) -> [String: JSONValue] {
        let key = machine.name.lowercased()
        let addresses = index.addresses[key] ?? []
        let membership = index.membership(of: machine)
        var vars: [String: JSONValue] = [:]
        for (name, value) in machine.attributes where !name.hasPrefix("labdb_") { vars[name] = .string(value) }
        if vars["ansible_host"] == nil, let primary = addresses.first { vars["ansible_host"] = .string(primary.address.description) }
        vars["labdb_kind"] = .string(machine.kind.rawValue)
        vars["labdb_enabled"] = .bool(machine.enabled)
        vars["labdb_host"] = .string(machine.host)
        vars["labdb_cluster"] = .string(membership?.cluster)
        vars["labdb_role"] = .string(membership?.role.rawValue)
        vars["labdb_cpus"] = .int(machine.cpus)
        vars["labdb_ram_bytes"] = machine.ram.map { .int($0.bytes) } ?? .null
        vars["labdb_model"] = .ansibleUnsafe(machine.model)
        vars["labdb_description"] = .ansibleUnsafe(machine.description)
        vars["labdb_tags"] = .array(machine.tags.map(JSONValue.string))
        vars["labdb_addresses"] = .array(addresses.map { .string($0.address.description) })
        vars["labdb_dns_names"] = .array(addresses.compactMap { $0.dns.map(JSONValue.string) })
        vars["labdb_disks"] = .array((index.disks[key] ?? []).map { disk in
            .object(["name": .ansibleUnsafe(disk.name), "size_bytes": .int(disk.size.bytes),
                     "pool": .string(disk.pool), "media": .string(disk.media?.rawValue)])
        })
        return vars
    }
}
