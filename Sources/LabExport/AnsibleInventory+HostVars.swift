import LabModel

extension AnsibleInventory {
    /// Emits the variables of one host into `sink`, in key order: `ansible_host` (the
    /// primary address, left out when the machine has none, so Ansible connects by its
    /// name), labdb's facts under `labdb_` (unless `facts` is minimal), and the machine's
    /// `attributes` as the user's own variables.
    ///
    /// Free text (descriptions, models, disk names, the cluster distribution) is wrapped as
    /// `{"__ansible_unsafe": ...}` so Ansible never templates it. Attributes are the user's
    /// Ansible variables and are passed as written, as a static inventory would pass them;
    /// they may set `ansible_host` but never replace a `labdb_` fact.
    static func emitHostVars(of machine: Machine, index: MachineIndex, facts: InventoryFacts, into sink: inout JSONFieldCollector) {
        let key = machine.name.labKey
        let addresses = index.addresses[key] ?? []
        let membership = index.membership(of: machine)
        // The user's attributes, merged into the fixed keys in order.
        let attributes = machine.attributes.isEmpty ? [] : machine.attributes.filter { !$0.key.utf8.starts(with: "labdb_".utf8) }
            .sorted { JSONWriter.keyOrder($0.key, $1.key) }
        var next = 0
        func flush(before fixed: String?, _ sink: inout JSONFieldCollector) {
            while next < attributes.count, fixed.map({ JSONWriter.keyOrder(attributes[next].key, $0) }) ?? true {
                sink.string(attributes[next].key, attributes[next].value)
                next += 1
            }
        }
        // Each address formatted once: the primary one is also `ansible_host`.
        let addressTexts = addresses.map { $0.address.description }
        if !attributes.isEmpty && machine.attributes["ansible_host"] != nil {
            flush(before: "ansible_host", &sink)
        } else if let primary = addressTexts.first {
            flush(before: "ansible_host", &sink)
            sink.string("ansible_host", primary)
        }
        guard facts == .full else { flush(before: nil, &sink); return }
        flush(before: "labdb_addresses", &sink)
        sink.strings("labdb_addresses", addressTexts)
        sink.string("labdb_cluster", membership?.cluster)
        sink.int("labdb_cpus", machine.cpus.map(Int64.init))
        sink.unsafe("labdb_description", machine.description)
        sink.disks("labdb_disks", index.disks[key] ?? [])
        sink.strings("labdb_dns_names", addresses.compactMap(\.dns))
        sink.bool("labdb_enabled", machine.enabled)
        sink.string("labdb_host", machine.host)
        sink.string("labdb_kind", machine.kind.rawValue)
        sink.unsafe("labdb_model", machine.model)
        sink.int("labdb_ram_bytes", machine.ram?.bytes)
        sink.string("labdb_role", membership?.role.rawValue)
        sink.strings("labdb_tags", machine.tags)
        flush(before: nil, &sink)
    }

    /// The variables of one host as fields, in key order.
    static func hostVars(of machine: Machine, index: MachineIndex, facts: InventoryFacts) -> [JSONField] {
        var collector = JSONFieldCollector()
        emitHostVars(of: machine, index: index, facts: facts, into: &collector)
        return collector.fields
    }
}
