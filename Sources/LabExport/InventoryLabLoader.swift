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
        // Sized up front: growing arrays of large structs copies them and touches fresh pages again.
        var machineCount = 0
        try db.forEachRow(reading: """
            SELECT (SELECT count(*) FROM machines), (SELECT count(*) FROM addresses), (SELECT count(*) FROM disks),
                   (SELECT count(*) FROM cluster_nodes)
            """) { row in
            machineCount = Int(row.int(0) ?? 0)
            lab.machines.reserveCapacity(machineCount)
            lab.allocations.reserveCapacity(Int(row.int(1) ?? 0))
            lab.disks.reserveCapacity(Int(row.int(2) ?? 0))
            lab.nodes.reserveCapacity(Int(row.int(3) ?? 0))
        }
        var tags = [Int64: [String]](minimumCapacity: machineCount)
        try db.forEachRow(reading: "SELECT machine_id, tag FROM machine_tags ORDER BY machine_id, tag") { row in
            tags[row.int(0)!, default: []].append(row.string(1)!)
        }
        var attributes: [Int64: [String: String]] = [:]
        try db.forEachRow(reading: "SELECT machine_id, key, value FROM machine_attributes") { row in
            attributes[row.int(0)!, default: [:]][row.string(1)!] = row.string(2)!
        }
        try db.forEachRow(reading: """
            SELECT m.id, m.name, m.kind, h.name, m.model, m.cpus, m.ram_bytes, m.enabled, m.description
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id ORDER BY m.name COLLATE NOCASE
            """) { row in
            let id = row.int(0)!
            var machine = Machine(name: row.string(1)!, kind: try choice(row, 2), host: row.string(3), model: row.string(4),
                                  cpus: row.int(5).map(Int.init), ram: row.int(6).map(ByteSize.init(bytes:)),
                                  enabled: row.int(7) == 1, description: row.string(8), attributes: attributes[id] ?? [:])
            // Already sorted and unique (primary key order); the initializer would sort again.
            machine.tags = tags[id] ?? []
            lab.machines.append(machine)
        }
        try db.forEachRow(reading: """
            SELECT a.family, a.address, p.network, p.length, r.name, m.name, a.dns_name, a.position
            FROM addresses a JOIN machines m ON m.id = a.machine_id JOIN prefixes p ON p.id = a.prefix_id
            LEFT JOIN ranges r ON r.id = a.range_id ORDER BY a.family, a.address
            """) { row in
            guard let family = IPFamily(rawValue: Int(row.int(0) ?? 0)), let address = storedAddress(family, row, 1), let network = storedAddress(family, row, 2),
                  let prefix = IPNetwork(network: network, length: Int(row.int(3) ?? -1)) else {
                throw InventoryDataError("an address row does not hold an address and its prefix")
            }
            lab.allocations.append(Allocation(address: address, holder: .machine(row.string(5)!), prefix: prefix, range: row.string(4),
                                              dns: row.string(6), position: Int(row.int(7) ?? 0)))
        }
        try db.forEachRow(reading: """
            SELECT m.name, d.name, d.size_bytes, p.name, d.media FROM disks d JOIN machines m ON m.id = d.machine_id
            LEFT JOIN pools p ON p.id = d.pool_id ORDER BY d.machine_id, d.name
            """) { row in
            lab.disks.append(Disk(machine: row.string(0)!, name: row.string(1)!, size: ByteSize(bytes: row.int(2)!), pool: row.string(3),
                                  media: row.isNull(4) ? nil : try choice(row, 4)))
        }
        try db.forEachRow(reading: "SELECT name, distribution, description FROM clusters ORDER BY name COLLATE NOCASE") { row in
            lab.clusters.append(Cluster(name: row.string(0)!, distribution: row.string(1), description: row.string(2)))
        }
        try db.forEachRow(reading: """
            SELECT c.name, m.name, n.role FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id JOIN machines m ON m.id = n.machine_id
            """) { row in
            lab.nodes.append(ClusterNode(cluster: row.string(0)!, machine: row.string(1)!, role: try choice(row, 2)))
        }
        try db.forEachRow(reading: """
            SELECT r.name, r.family, r.first, r.last, r.purpose, p.network, p.length FROM ranges r JOIN prefixes p ON p.id = r.prefix_id
            ORDER BY r.family, r.first, r.name
            """) { row in
            guard let family = IPFamily(rawValue: Int(row.int(1) ?? 0)), let first = storedAddress(family, row, 2), let last = storedAddress(family, row, 3),
                  let network = storedAddress(family, row, 5),
                  let prefix = IPNetwork(network: network, length: Int(row.int(6) ?? -1)) else {
                throw InventoryDataError("range \(row.string(0) ?? "?") does not hold valid bounds")
            }
            lab.ranges.append(AddressRange(name: row.string(0)!, prefix: prefix, first: first, last: last, purpose: try choice(row, 4)))
        }
        var groupVars: [Int64: [String: String]] = [:]
        try db.forEachRow(reading: "SELECT group_id, key, value FROM inventory_group_vars") { row in
            groupVars[row.int(0)!, default: [:]][row.string(1)!] = row.string(2)!
        }
        try db.forEachRow(reading: "SELECT id, name, description FROM inventory_groups ORDER BY name COLLATE NOCASE") { row in
            lab.groups.append(InventoryGroup(name: row.string(1)!, description: row.string(2), vars: groupVars[row.int(0)!] ?? [:]))
        }
        return lab
    }

    /// The address stored as 16 big-endian bytes in `column`, or nil when it holds none.
    /// (`IPAddress(family:bytes:)` is generic across modules, so unspecialized and slow per row.)
    private static func storedAddress(_ family: IPFamily, _ row: ColumnReader, _ column: Int32) -> IPAddress? {
        let number: UInt128? = row.withBlob(column) { bytes in
            guard bytes.count == 16 else { return nil }
            var number: UInt128 = 0
            for byte in bytes { number = number << 8 | UInt128(byte) }
            return number
        } ?? nil
        return number.flatMap { IPAddress(family: family, value: $0) }
    }

    private static func choice<T: RawRepresentable>(_ row: ColumnReader, _ column: Int32) throws -> T where T.RawValue == String {
        guard let text = row.string(column), let choice = T(rawValue: text) else {
            throw InventoryDataError("unexpected value '\(row.value(column))'")
        }
        return choice
    }
}
