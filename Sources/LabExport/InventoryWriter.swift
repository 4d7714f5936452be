import LabModel
import LabStore

/// The Ansible inventory written straight from the database: the fast path of
/// `labdb inventory --list` and `--host`, byte for byte what `JSONWriter()` writes for
/// `AnsibleInventory(lab: Lab(database:))` (the tests compare them on the seed lab and
/// on generated labs), without building a `Lab`: one plain scan of each table (an
/// `InventorySnapshot`) in one read transaction, a consistent snapshot.
public enum InventoryWriter {
    /// The `--list` document for the lab in `db`, compact, with a final newline.
    public static func list(_ db: Database, facts: InventoryFacts = .full) throws -> [UInt8] {
        var document: [UInt8] = []
        let failure = try list(db, facts: facts) { bytes in document.append(contentsOf: bytes); return nil }
        precondition(failure == nil, "appending to memory does not fail")
        return document
    }

    /// Writes the `--list` document for the lab in `db` to `descriptor` (standard output),
    /// a megabyte at a time; the errno when writing failed, else nil.
    public static func list(_ db: Database, facts: InventoryFacts = .full, toFileDescriptor descriptor: Int32) throws -> Int32? {
        try list(db, facts: facts) { bytes in FileDescriptorWriter.writeAll(bytes, to: descriptor) }
    }

    /// Builds the document and passes it to `drain` in pieces.
    private static func list(_ db: Database, facts: InventoryFacts, drain: @escaping (UnsafeBufferPointer<UInt8>) -> Int32?) throws -> Int32? {
        // Read pages straight from a memory map rather than one pread(2) per page.
        try db.execute("PRAGMA mmap_size = 268435456")
        let (snapshot, groups) = try db.transaction(.deferred) {
            let snapshot = try InventorySnapshot(db)
            return (snapshot, try InventoryWriter.groups(db, snapshot))
        }
        var sink = ByteSink(drain: drain)
        write(snapshot, groups, hostVars: HostVarsWriter(snapshot: snapshot, facts: facts), to: &sink)
        return sink.finish()
    }

    /// The `--host NAME` document (compact, with a final newline) of the machine called
    /// `name` (case-insensitive), also for a disabled machine; nil when there is none.
    public static func host(_ db: Database, named name: String, facts: InventoryFacts = .full) throws -> [UInt8]? {
        try db.transaction(.deferred) {
            guard let id = try db.scalar("SELECT id FROM machines WHERE name = ?1", [.text(name)])?.int else { return nil }
            let snapshot = try InventorySnapshot(db, machineID: id)
            guard let slot = snapshot.slot(of: id) else { return nil }
            var document: [UInt8] = []
            var sink = ByteSink { bytes in document.append(contentsOf: bytes); return nil }
            HostVarsWriter(snapshot: snapshot, facts: facts).write(slot, to: &sink)
            sink.append(UInt8(ascii: "\n"))
            _ = sink.finish()
            return document
        }
    }

    /// The enabled machines in name order (JSON key order), and the hosts of each group, in that order.
    private static func placeMachines(_ snapshot: InventorySnapshot, _ plan: InventoryGroupPlan, rangeGroups: [Int64: Int32]) -> (order: [Int32], hosts: [[Int32]]) {
        let tagGroups = snapshot.tagNames.map { plan.tagGroups[$0]! }
        var runsGuests = [Bool](repeating: false, count: snapshot.machines.count)
        for machine in snapshot.machines { if let host = snapshot.slot(of: machine.hostID) { runsGuests[Int(host)] = true } }
        let proxmoxTag = snapshot.tagNames.firstIndex(of: "proxmox").map(Int32.init) ?? -1
        var enabled: [Int32] = []
        enabled.reserveCapacity(snapshot.machines.count)
        var memberships: [Int32] = []
        memberships.reserveCapacity(snapshot.machines.count * 4)
        var membershipStart = [Int32](repeating: 0, count: snapshot.machines.count + 1)
        for slot in 0..<Int32(snapshot.machines.count) {
            let machine = snapshot.machines[Int(slot)]
            let start = memberships.count
            if machine.enabled {
                enabled.append(slot)
                let nodes = snapshot.nodes[slot]
                for node in nodes {
                    if let key = snapshot.clusterKeys[node.clusterID], let group = plan.roleGroup(cluster: key, role: node.role) { memberships.append(group) }
                }
                let tags = snapshot.tags[slot]
                for tag in tags { memberships.append(tagGroups[Int(tag.tag)]) }
                for address in snapshot.addresses[slot] { if let group = rangeGroups[address.rangeID] { memberships.append(group) } }
                InventoryGroupPlan.appendDerivedGroups(to: &memberships, from: start, kind: machine.kind, isNode: !nodes.isEmpty,
                                                       runsGuests: runsGuests[Int(slot)], taggedProxmox: tags.contains { $0.tag == proxmoxTag })
            }
            membershipStart[Int(slot) + 1] = Int32(memberships.count)
        }

        // Name order is byte order, as SQLite's BINARY and Python's sort_keys.
        let order: [Int32] = snapshot.text.withUnsafeBufferPointer { text in
            func name(_ slot: Int32) -> UnsafeBufferPointer<UInt8> {
                let ref = snapshot.machines[Int(slot)].name
                return UnsafeBufferPointer(rebasing: text[Int(ref.start)..<Int(ref.start + ref.count)])
            }
            return enabled.sorted { name($0).lexicographicallyPrecedes(name($1)) }
        }
        var hosts = [[Int32]](repeating: [], count: plan.names.count)
        for slot in order {
            for group in memberships[Int(membershipStart[Int(slot)])..<Int(membershipStart[Int(slot) + 1])] { hosts[Int(group)].append(slot) }
        }
        return (order, hosts)
    }

    /// Writes the whole document, top-level keys in order.
    private static func write(_ snapshot: InventorySnapshot, _ groups: (plan: InventoryGroupPlan, rangeGroups: [Int64: Int32]), hostVars: HostVarsWriter,
                              to out: inout ByteSink) {
        let plan = groups.plan
        let (order, hosts) = placeMachines(snapshot, plan, rangeGroups: groups.rangeGroups)
        func appendName(_ slot: Int32, to out: inout ByteSink) {
            let ref = snapshot.machines[Int(slot)].name
            snapshot.text.withUnsafeBufferPointer { out.appendJSONString(UnsafeBufferPointer(rebasing: $0[Int(ref.start)..<Int(ref.start + ref.count)])) }
        }
        var topLevel: [(name: String, group: Int32?)] = [("_meta", nil), ("all", nil)]
        topLevel += (0..<Int32(plan.names.count)).map { (plan.names[Int($0)], $0) }
        topLevel.sort { JSONWriter.keyOrder($0.name, $1.name) }
        out.append(UInt8(ascii: "{"))
        for (position, member) in topLevel.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.appendJSONString(member.name)
            out.append(UInt8(ascii: ":"))
            if let group = member.group {
                appendGroup(Int(group), plan: plan, hosts: hosts[Int(group)], appendName: appendName, to: &out)
            } else if member.name == "all" {
                var vars: [UInt8] = []
                JSONWriter().append(.object(["vars": .object(plan.allVars)]), depth: 0, to: &vars)
                out.append(vars)
            } else {
                out.appendRaw("{\"hostvars\":{")
                for (index, slot) in order.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    appendName(slot, to: &out)
                    out.append(UInt8(ascii: ":"))
                    hostVars.write(slot, to: &out)
                }
                out.appendRaw("}}")
            }
        }
        out.appendRaw("}\n")
    }

    /// A group's object: children (when any), hosts (always: Ansible reads {} as a host), vars (when any).
    private static func appendGroup(_ group: Int, plan: InventoryGroupPlan, hosts: [Int32], appendName: (Int32, inout ByteSink) -> Void, to out: inout ByteSink) {
        out.append(UInt8(ascii: "{"))
        let children = plan.children[group].map { plan.names[Int($0)] }.sorted(by: JSONWriter.keyOrder)
        if !children.isEmpty {
            out.appendRaw("\"children\":[")
            for (index, child) in children.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.appendJSONString(child)
            }
            out.appendRaw("],")
        }
        out.appendRaw("\"hosts\":[")
        for (index, slot) in hosts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendName(slot, &out)
        }
        out.append(UInt8(ascii: "]"))
        if !plan.vars[group].isEmpty {
            out.appendRaw(",\"vars\":")
            var vars: [UInt8] = []
            JSONWriter().append(.object(plan.vars[group]), depth: 0, to: &vars)
            out.append(vars)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The groups of the lab in `db`, named and numbered, before any host is placed; and the group of each range, by range id.
    private static func groups(_ db: Database, _ snapshot: InventorySnapshot) throws -> (plan: InventoryGroupPlan, rangeGroups: [Int64: Int32]) {
        // The snapshot holds every machine's memberships (disabled ones too): the roles each cluster has.
        var rolesByCluster: [String: Set<NodeRole>] = [:]
        for node in snapshot.nodes.rows {
            if let key = snapshot.clusterKeys[node.clusterID] { rolesByCluster[key, default: []].insert(node.role) }
        }
        var ranges: [(id: Int64, name: String)] = []
        try db.forEachRow(reading: "SELECT id, name FROM ranges ORDER BY family, first, name") { row in ranges.append((row.int(0)!, row.string(1)!)) }
        var groupVars: [Int64: [String: String]] = [:]
        try db.forEachRow(reading: "SELECT group_id, key, value FROM inventory_group_vars") { row in
            groupVars[row.int(0)!, default: [:]][row.string(1)!] = row.string(2)!
        }
        var userGroups: [InventoryGroup] = []
        try db.forEachRow(reading: "SELECT id, name FROM inventory_groups ORDER BY name COLLATE NOCASE") { row in
            userGroups.append(InventoryGroup(name: row.string(1)!, vars: groupVars[row.int(0)!] ?? [:]))
        }
        let plan = InventoryGroupPlan(clusters: snapshot.clusters, rolesByCluster: rolesByCluster, tags: Set(snapshot.tagNames),
                                      ranges: ranges.map(\.name), userGroups: userGroups)
        var rangeGroups: [Int64: Int32] = [:]
        for range in ranges { rangeGroups[range.id] = plan.rangeGroups[range.name.labKey] }
        return (plan, rangeGroups)
    }
}
