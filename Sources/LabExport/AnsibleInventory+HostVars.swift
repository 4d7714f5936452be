import LabModel

extension AnsibleInventory {
    /// The variables of one host, in key order: `ansible_host` (the primary address, left
    /// out when the machine has none, so Ansible connects by its name), labdb's facts under
    /// `labdb_`, and the machine's `attributes` as the user's own variables.
    ///
    /// Free text (descriptions, models, disk names, the cluster distribution) is wrapped as
    /// `{"__ansible_unsafe": ...}` so Ansible never templates it. Attributes are the user's
    /// Ansible variables and are passed as written, as a static inventory would pass them;
    /// they may set `ansible_host` but never replace a `labdb_` fact.
    static func hostVars(of machine: Machine, index: MachineIndex) -> [JSONField] {
        let key = machine.name.labKey
        let addresses = index.addresses[key] ?? []
        let membership = index.membership(of: machine)
        var fields: [JSONField] = []
        fields.reserveCapacity(15 + machine.attributes.count)
        for (name, value) in machine.attributes where !name.hasPrefix("labdb_") { fields.append(JSONField(name, .string(value))) }
        if machine.attributes["ansible_host"] == nil, let primary = addresses.first {
            fields.append(JSONField("ansible_host", .string(primary.address.description)))
        }
        fields.append(JSONField("labdb_addresses", .array(addresses.map { .string($0.address.description) })))
        fields.append(JSONField("labdb_cluster", .string(membership?.cluster)))
        fields.append(JSONField("labdb_cpus", .int(machine.cpus)))
        fields.append(JSONField("labdb_description", .ansibleUnsafe(machine.description)))
        fields.append(JSONField("labdb_disks", .array((index.disks[key] ?? []).map { disk in
            .fields([JSONField("media", .string(disk.media?.rawValue)), JSONField("name", .ansibleUnsafe(disk.name)),
                     JSONField("pool", .string(disk.pool)), JSONField("size_bytes", .int(disk.size.bytes))])
        })))
        fields.append(JSONField("labdb_dns_names", .array(addresses.compactMap { $0.dns.map(JSONValue.string) })))
        fields.append(JSONField("labdb_enabled", .bool(machine.enabled)))
        fields.append(JSONField("labdb_host", .string(machine.host)))
        fields.append(JSONField("labdb_kind", .string(machine.kind.rawValue)))
        fields.append(JSONField("labdb_model", .ansibleUnsafe(machine.model)))
        fields.append(JSONField("labdb_ram_bytes", machine.ram.map { .int($0.bytes) } ?? .null))
        fields.append(JSONField("labdb_role", .string(membership?.role.rawValue)))
        fields.append(JSONField("labdb_tags", .array(machine.tags.map(JSONValue.string))))
        if !machine.attributes.isEmpty { fields.sort { JSONWriter.keyOrder($0.key, $1.key) } }
        return fields
    }
}
