import LabIP
import LabModel
import LabStore

/// Reads the part of a lab that the inventory and the monitoring targets need
/// (machines, addresses, disks, clusters, ranges, group variables) straight from the
/// database, in one read transaction (a consistent snapshot). Machines, addresses,
/// clusters and ranges come in the canonical order of `Lab.normalized()`; disks are
/// grouped by machine and nodes are unordered, which is all `MachineIndex` needs.
///
/// `Lab(database:)` reads everything and sorts in Swift; for 10,000 hosts that alone
/// would spend the inventory's whole time budget, so the inventory reads only this.
public enum InventoryLabLoader {
    /// The inventory-relevant lab in `db`.
    /// Raises the connection's page cache to 64 MiB first: the lab is read in several
    /// passes, and SQLite's default 2 MiB would read a large lab's pages again for each.
    public static func load(_ db: Database) throws -> Lab {
        try db.execute("PRAGMA cache_size = -65536")
        // Read pages straight from a memory map rather than one pread(2) per page.
        try db.execute("PRAGMA mmap_size = 268435456")
        return try db.transaction(.deferred) { try read(db) }
    }

    private static func read(_ db: Database) throws -> Lab {
        var lab = Lab()
        var tags: [Int64: [String]] = [:]
        try db.forEachRow("SELECT machine_id, tag FROM machine_tags ORDER BY machine_id, tag") { row in
            tags[row[0].int!, default: []].append(row[1].string!)
            return true
        }
        var attributes: [Int64: [String: String]] = [:]
        try db.forEachRow("SELECT machine_id, key, value FROM machine_attributes") { row in
            attributes[row[0].int!, default: [:]][row[1].string!] = row[2].string!
            return true
        }
        try db.forEachRow("""
            SELECT m.id, m.name, m.kind, h.name, m.model, m.cpus, m.ram_bytes, m.enabled, m.description
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id ORDER BY m.name COLLATE NOCASE
            """) { row in
            let id = row[0].int!
            var machine = Machine(name: row[1].string!, kind: try choice(row[2]), host: row[3].string, model: row[4].string,
                                  cpus: row[5].int.map(Int.init), ram: row[6].int.map(ByteSize.init(bytes:)),
                                  enabled: row[7].int == 1, description: row[8].string, attributes: attributes[id] ?? [:])
            // Already sorted and unique (primary key order); the initializer would sort again.
            machine.tags = tags[id] ?? []
            lab.machines.append(machine)
            return true
        }
        try db.forEachRow("""
            SELECT a.family, a.address, p.network, p.length, r.name, m.name, a.dns_name, a.position
            FROM addresses a JOIN machines m ON m.id = a.machine_id JOIN prefixes p ON p.id = a.prefix_id
            LEFT JOIN ranges r ON r.id = a.range_id ORDER BY a.family, a.address
            """) { row in
            guard let family = IPFamily(rawValue: Int(row[0].int ?? 0)), let address = storedAddress(family, row[1]), let network = storedAddress(family, row[2]),
                  let prefix = IPNetwork(network: network, length: Int(row[3].int ?? -1)) else {
                throw InventoryDataError("an address row does not hold an address and its prefix")
            }
            lab.allocations.append(Allocation(address: address, holder: .machine(row[5].string!), prefix: prefix, range: row[4].string,
                                              dns: row[6].string, position: Int(row[7].int ?? 0)))
            return true
        }
        try db.forEachRow("""
            SELECT m.name, d.name, d.size_bytes, p.name, d.media FROM disks d JOIN machines m ON m.id = d.machine_id
            LEFT JOIN pools p ON p.id = d.pool_id ORDER BY d.machine_id, d.name
            """) { row in
            lab.disks.append(Disk(machine: row[0].string!, name: row[1].string!, size: ByteSize(bytes: row[2].int!), pool: row[3].string,
                                  media: row[4].isNull ? nil : try choice(row[4])))
            return true
        }
        try db.forEachRow("SELECT name, distribution, description FROM clusters ORDER BY name COLLATE NOCASE") { row in
            lab.clusters.append(Cluster(name: row[0].string!, distribution: row[1].string, description: row[2].string))
            return true
        }
        try db.forEachRow("""
            SELECT c.name, m.name, n.role FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id JOIN machines m ON m.id = n.machine_id
            """) { row in
            lab.nodes.append(ClusterNode(cluster: row[0].string!, machine: row[1].string!, role: try choice(row[2])))
            return true
        }
        try db.forEachRow("""
            SELECT r.name, r.family, r.first, r.last, r.purpose, p.network, p.length FROM ranges r JOIN prefixes p ON p.id = r.prefix_id
            ORDER BY r.family, r.first, r.name
            """) { row in
            guard let family = IPFamily(rawValue: Int(row[1].int ?? 0)), let first = storedAddress(family, row[2]), let last = storedAddress(family, row[3]),
                  let network = storedAddress(family, row[5]),
                  let prefix = IPNetwork(network: network, length: Int(row[6].int ?? -1)) else {
                throw InventoryDataError("range \(row[0].string ?? "?") does not hold valid bounds")
            }
            lab.ranges.append(AddressRange(name: row[0].string!, prefix: prefix, first: first, last: last, purpose: try choice(row[4])))
            return true
        }
        var groupVars: [Int64: [String: String]] = [:]
        try db.forEachRow("SELECT group_id, key, value FROM inventory_group_vars") { row in
            groupVars[row[0].int!, default: [:]][row[1].string!] = row[2].string!
            return true
        }
        try db.forEachRow("SELECT id, name, description FROM inventory_groups ORDER BY name COLLATE NOCASE") { row in
            lab.groups.append(InventoryGroup(name: row[1].string!, description: row[2].string, vars: groupVars[row[0].int!] ?? [:]))
            return true
        }
        return lab
    }

    /// The address stored as 16 big-endian bytes in `value`, or nil when it holds none.
    /// (`IPAddress(family:bytes:)` is generic across modules, so unspecialized and slow per row.)
    private static func storedAddress(_ family: IPFamily, _ value: SQLValue) -> IPAddress? {
        guard let bytes = value.bytes, bytes.count == 16 else { return nil }
        var number: UInt128 = 0
        for byte in bytes { number = number << 8 | UInt128(byte) }
        return IPAddress(family: family, value: number)
    }

    private static func choice<T: RawRepresentable>(_ value: SQLValue) throws -> T where T.RawValue == String {
        guard let text = value.string, let choice = T(rawValue: text) else {
            throw InventoryDataError("unexpected value '\(value)'")
        }
        return choice
    }
}
