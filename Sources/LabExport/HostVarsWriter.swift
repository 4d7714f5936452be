import LabIP
import LabModel

/// Writes a machine's host variables from an `InventorySnapshot` as bytes, exactly as
/// `JSONWriter()` writes `AnsibleInventory.hostVars(of:index:)` (the tests compare them):
/// the same keys in the same order, the same `__ansible_unsafe` wrapping, the user's
/// attributes merged in key order and never replacing a `labdb_` fact.
struct HostVarsWriter {
    let snapshot: InventorySnapshot
    let facts: InventoryFacts

    /// Appends the variables object of the machine in `slot` to `out`.
    func write(_ slot: Int32, to out: inout ByteSink) {
        let machine = snapshot.machines[Int(slot)]
        let addresses = snapshot.addresses[slot]
        var fields = FieldWriter(attributes: snapshot.attributes[slot], text: snapshot.text)
        out.append(UInt8(ascii: "{"))
        // The user's ansible_host (an attribute) replaces the primary address.
        if !fields.flush(before: "ansible_host", into: &out), let primary = addresses.first {
            fields.key("ansible_host", into: &out)
            appendAddress(primary.address, to: &out)
        }
        guard facts == .full else {
            _ = fields.flush(before: nil, into: &out)
            out.append(UInt8(ascii: "}"))
            return
        }
        _ = fields.flush(before: "labdb_addresses", into: &out)
        fields.key("labdb_addresses", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, row) in addresses.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendAddress(row.address, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        // The first membership (by cluster name) is the machine's cluster and role.
        let membership = snapshot.nodes[slot].first
        fields.key("labdb_cluster", into: &out)
        if let membership, let cluster = snapshot.clusterNames[membership.clusterID] {
            out.appendJSONString(cluster)
        } else {
            out.appendRaw("null")
        }
        fields.key("labdb_cpus", into: &out)
        appendInteger(machine.cpus, to: &out)
        fields.key("labdb_description", into: &out)
        appendUnsafe(machine.description, to: &out)
        fields.key("labdb_disks", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, disk) in snapshot.disks[slot].enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.appendRaw("{\"media\":")
            appendString(disk.media, to: &out)
            out.appendRaw(",\"name\":")
            appendUnsafe(disk.name, to: &out)
            out.appendRaw(",\"pool\":")
            appendString(snapshot.poolNames[disk.poolID] ?? .null, to: &out)
            out.appendRaw(",\"size_bytes\":")
            out.appendDecimal(disk.size)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        fields.key("labdb_dns_names", into: &out)
        out.append(UInt8(ascii: "["))
        var first = true
        for row in addresses where !row.dns.isNull {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(row.dns, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        fields.key("labdb_enabled", into: &out)
        out.appendRaw(machine.enabled ? "true" : "false")
        fields.key("labdb_host", into: &out)
        if let host = snapshot.slot(of: machine.hostID) { appendString(snapshot.machines[Int(host)].name, to: &out) } else { out.appendRaw("null") }
        fields.key("labdb_kind", into: &out)
        out.appendJSONString(machine.kind.rawValue)
        fields.key("labdb_model", into: &out)
        appendUnsafe(machine.model, to: &out)
        fields.key("labdb_ram_bytes", into: &out)
        appendInteger(machine.ram, to: &out)
        fields.key("labdb_role", into: &out)
        if let membership { out.appendJSONString(membership.role.rawValue) } else { out.appendRaw("null") }
        fields.key("labdb_tags", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, tag) in snapshot.tags[slot].enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(tag.text, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        _ = fields.flush(before: nil, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func appendAddress(_ address: IPAddress, to out: inout ByteSink) {
        out.append(UInt8(ascii: "\""))
        if address.family == .v4 {
            out.appendIPv4(UInt32(truncatingIfNeeded: address.value))
        } else {
            out.append(Array(address.description.utf8))
        }
        out.append(UInt8(ascii: "\""))
    }

    private func appendInteger(_ value: Int64?, to out: inout ByteSink) {
        if let value { out.appendDecimal(value) } else { out.appendRaw("null") }
    }

    private func appendString(_ ref: InventorySnapshot.TextRef, to out: inout ByteSink) {
        guard !ref.isNull else { out.appendRaw("null"); return }
        snapshot.text.withUnsafeBufferPointer { out.appendJSONString(UnsafeBufferPointer(rebasing: $0[Int(ref.start)..<Int(ref.start + ref.count)])) }
    }

    private func appendUnsafe(_ ref: InventorySnapshot.TextRef, to out: inout ByteSink) {
        guard !ref.isNull else { out.appendRaw("null"); return }
        snapshot.text.withUnsafeBufferPointer { out.appendAnsibleUnsafe(UnsafeBufferPointer(rebasing: $0[Int(ref.start)..<Int(ref.start + ref.count)])) }
    }
}

/// Writes an object's members with commas between them, merging a machine's attributes
/// (sorted by key) in among the fixed keys.
private struct FieldWriter {
    let attributes: ArraySlice<InventorySnapshot.AttributeRow>
    let text: [UInt8]
    private var next: Int
    private var first = true

    init(attributes: ArraySlice<InventorySnapshot.AttributeRow>, text: [UInt8]) {
        self.attributes = attributes
        self.text = text
        next = attributes.startIndex
    }

    /// `"key":`, after a comma when needed.
    mutating func key(_ key: StaticString, into out: inout ByteSink) {
        comma(into: &out)
        out.append(UInt8(ascii: "\""))
        out.appendRaw(key)
        out.appendRaw("\":")
    }

    private mutating func comma(into out: inout ByteSink) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
    }

    /// Writes the attributes whose keys sort before `fixed` (all that are left when nil),
    /// skipping `labdb_` keys; returns whether the next attribute's key is `fixed` itself.
    mutating func flush(before fixed: StaticString?, into out: inout ByteSink) -> Bool {
        text.withUnsafeBufferPointer { arena in
            while next < attributes.endIndex {
                let row = attributes[next]
                let key = UnsafeBufferPointer(rebasing: arena[Int(row.key.start)..<Int(row.key.start + row.key.count)])
                if let fixed {
                    let fixedKey = UnsafeBufferPointer(start: fixed.utf8Start, count: fixed.utf8CodeUnitCount)
                    if key.elementsEqual(fixedKey) { return true }
                    if !key.lexicographicallyPrecedes(fixedKey) { return false }
                }
                if !key.starts(with: "labdb_".utf8) {
                    comma(into: &out)
                    out.appendJSONString(key)
                    out.append(UInt8(ascii: ":"))
                    out.appendJSONString(UnsafeBufferPointer(rebasing: arena[Int(row.value.start)..<Int(row.value.start + row.value.count)]))
                }
                next += 1
            }
            return false
        }
    }
}
