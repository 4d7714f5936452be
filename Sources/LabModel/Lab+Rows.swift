import LabIP
import LabStore

/// The rows of one kind of object, all of them or those matching a condition, decoded
/// once for the whole lab (``Lab/init(database:scope:)``) and for a part of it
/// (``Lab/neighbourhood(ofRecordNamed:zone:in:)`` and its siblings).
///
/// A `condition` is SQL written in this module over the query's table aliases (named
/// on each function), never text from a user; its values are bound `arguments`.
extension Lab {
    /// Prefixes (alias `p`).
    static func loadPrefixes(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Prefix] {
        try db.rows("SELECT family, network, length, name, gateway, description FROM prefixes p" + clause(condition), arguments) { row in
            Prefix(cidr: try row.network("network", "length"), name: row.string("name"),
                   gateway: try row.optionalAddress("gateway"), description: row.string("description"))
        }
    }

    /// Ranges (alias `r`, their prefix `p`) with the clusters they serve.
    static func loadRanges(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [AddressRange] {
        let selected = "FROM ranges r JOIN prefixes p ON p.id = r.prefix_id" + clause(condition)
        let links = condition == nil
            ? "SELECT l.range_id, c.name FROM range_clusters l JOIN clusters c ON c.id = l.cluster_id ORDER BY c.name COLLATE NOCASE"
            : "SELECT l.range_id, c.name FROM range_clusters l JOIN clusters c ON c.id = l.cluster_id WHERE l.range_id IN (SELECT r.id \(selected)) ORDER BY c.name COLLATE NOCASE"
        var rangeClusters: [Int64: [String]] = [:]
        try db.forEachRow(links, arguments) { row in
            rangeClusters[row.int("range_id")!, default: []].append(row.string("name")!)
            return true
        }
        return try db.rows("SELECT r.id, r.name, r.first, r.last, r.purpose, r.description, r.family, p.network, p.length " + selected, arguments) { row in
            AddressRange(name: row.string("name")!, prefix: try row.network("network", "length"),
                         first: try row.address("first"), last: try row.address("last"),
                         purpose: try row.choice("purpose"), description: row.string("description"),
                         clusters: rangeClusters[row.int("id")!] ?? [])
        }
    }

    /// Machines (alias `m`, their host `h`), with tags and attributes when `details`.
    static func loadMachines(_ db: Database, details: Bool, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Machine] {
        let selected = "FROM machines m LEFT JOIN machines h ON h.id = m.host_id" + clause(condition)
        let owners = condition == nil ? "" : " WHERE machine_id IN (SELECT m.id \(selected))"
        var tags: [Int64: [String]] = [:]
        var attributes: [Int64: [String: String]] = [:]
        if details {
            try db.forEachRow("SELECT machine_id, tag FROM machine_tags" + owners, arguments) { row in
                tags[row.int("machine_id")!, default: []].append(row.string("tag")!)
                return true
            }
            try db.forEachRow("SELECT machine_id, key, value FROM machine_attributes" + owners, arguments) { row in
                attributes[row.int("machine_id")!, default: [:]][row.string("key")!] = row.string("value")!
                return true
            }
        }
        return try db.rows("SELECT m.id, m.name, m.kind, h.name AS host, m.model, m.cpus, m.ram_bytes, m.ram_reserve_bytes, m.enabled, m.description " + selected,
                            arguments) { row in
            let id = row.int("id")!
            return Machine(name: row.string("name")!, kind: try row.choice("kind"), host: row.string("host"), model: row.string("model"),
                           cpus: row.int("cpus").map(Int.init), ram: row.int("ram_bytes").map(ByteSize.init(bytes:)),
                           ramReserve: row.int("ram_reserve_bytes").map(ByteSize.init(bytes:)), enabled: row.int("enabled") == 1,
                           description: row.string("description"), tags: tags[id] ?? [], attributes: attributes[id] ?? [:])
        }
    }

    /// Pools (alias `p`, their host `h`).
    static func loadPools(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Pool] {
        try db.rows("SELECT h.name AS host, p.name, p.type, p.size_bytes, p.thin, p.description FROM pools p JOIN machines h ON h.id = p.host_id" + clause(condition),
                     arguments) { row in
            Pool(host: row.string("host")!, name: row.string("name")!, type: try row.choice("type"),
                 size: ByteSize(bytes: row.int("size_bytes")!), thin: row.int("thin") == 1, description: row.string("description"))
        }
    }

    /// Clusters (alias `c`).
    static func loadClusters(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Cluster] {
        try db.rows("SELECT name, distribution, description FROM clusters c" + clause(condition), arguments) { row in
            Cluster(name: row.string("name")!, distribution: row.string("distribution"), description: row.string("description"))
        }
    }

    /// Services (alias `s`, their cluster `c`).
    static func loadServices(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Service] {
        try db.rows("SELECT s.name, c.name AS cluster, s.description FROM services s LEFT JOIN clusters c ON c.id = s.cluster_id" + clause(condition),
                     arguments) { row in
            Service(name: row.string("name")!, cluster: row.string("cluster"), description: row.string("description"))
        }
    }

    /// Allocated addresses (alias `a`; prefix `p`, range `r`, holder `m` or `s`).
    static func loadAllocations(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Allocation] {
        try db.rows("""
            SELECT a.family, a.address, p.network, p.length, r.name AS range, m.name AS machine, s.name AS service, a.dns_name, a.description, a.position
            FROM addresses a JOIN prefixes p ON p.id = a.prefix_id LEFT JOIN ranges r ON r.id = a.range_id
            LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN services s ON s.id = a.service_id
            """ + clause(condition), arguments) { row in
            let holder: Holder = row.string("machine").map(Holder.machine) ?? row.string("service").map(Holder.service) ?? .none
            return Allocation(address: try row.address("address"), holder: holder, prefix: try row.network("network", "length"),
                              range: row.string("range"), dns: row.string("dns_name"), description: row.string("description"),
                              position: Int(row.int("position") ?? 0))
        }
    }

    /// Zones (alias `z`).
    static func loadZones(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Zone] {
        try db.rows("SELECT name, description FROM zones z" + clause(condition), arguments) { row in
            Zone(name: row.string("name")!, description: row.string("description"))
        }
    }

    /// DNS records (alias `r`, their zone `z`).
    static func loadRecords(_ db: Database, where condition: String? = nil, _ arguments: [SQLValue] = []) throws -> [Record] {
        try db.rows("SELECT z.name AS zone, r.name, r.type, r.value, r.view, r.ttl, r.proxied FROM records r JOIN zones z ON z.id = r.zone_id" + clause(condition),
                     arguments) { row in
            Record(zone: row.string("zone")!, name: row.string("name")!, type: try row.choice("type"), value: row.string("value")!,
                   view: try row.choice("view"), ttl: row.int("ttl").map(Int.init), proxied: row.int("proxied") == 1)
        }
    }

    private static func clause(_ condition: String?) -> String {
        condition.map { " WHERE \($0)" } ?? ""
    }
}
