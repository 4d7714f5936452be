import LabIP
import LabStore

extension Lab {
    /// How much of the lab to read.
    public enum LoadScope: Sendable {
        /// Everything (export, import plans, DNS).
        case everything
        /// What capacity planning needs: machines without tags and attributes, pools, disks,
        /// clusters and their nodes, prefixes, ranges and allocations; no services, zones,
        /// records, DNS targets or groups (a third less work on a 10,000-machine lab).
        case capacity
    }

    /// Reads the lab from `database` (all of it, or what `scope` needs), in canonical order.
    public init(database db: Database, scope: LoadScope = .everything) throws {
        self.init()
        let everything = scope == .everything
        for row in try db.query("SELECT family, network, length, name, gateway, description FROM prefixes") {
            prefixes.append(Prefix(cidr: try row.network("network", "length"), name: row.string("name"),
                                   gateway: try row.optionalAddress("gateway"), description: row.string("description")))
        }
        var rangeClusters: [Int64: [String]] = [:]
        for row in try db.query("SELECT l.range_id, c.name FROM range_clusters l JOIN clusters c ON c.id = l.cluster_id ORDER BY c.name COLLATE NOCASE") {
            rangeClusters[row.int("range_id")!, default: []].append(row.string("name")!)
        }
        for row in try db.query("""
            SELECT r.id, r.name, r.first, r.last, r.purpose, r.description, r.family, p.network, p.length
            FROM ranges r JOIN prefixes p ON p.id = r.prefix_id
            """) {
            ranges.append(AddressRange(name: row.string("name")!, prefix: try row.network("network", "length"),
                                       first: try row.address("first"), last: try row.address("last"),
                                       purpose: try row.choice("purpose"), description: row.string("description"),
                                       clusters: rangeClusters[row.int("id")!] ?? []))
        }
        var tags: [Int64: [String]] = [:]
        for row in try db.query(everything ? "SELECT machine_id, tag FROM machine_tags" : "SELECT 0 AS machine_id, '' AS tag WHERE 0") {
            tags[row.int("machine_id")!, default: []].append(row.string("tag")!)
        }
        var attributes: [Int64: [String: String]] = [:]
        for row in try db.query(everything ? "SELECT machine_id, key, value FROM machine_attributes" : "SELECT 0 AS machine_id, '' AS key, '' AS value WHERE 0") {
            attributes[row.int("machine_id")!, default: [:]][row.string("key")!] = row.string("value")!
        }
        for row in try db.query("""
            SELECT m.id, m.name, m.kind, h.name AS host, m.model, m.cpus, m.ram_bytes, m.ram_reserve_bytes, m.enabled, m.description
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id
            """) {
            let id = row.int("id")!
            machines.append(Machine(name: row.string("name")!, kind: try row.choice("kind"), host: row.string("host"), model: row.string("model"),
                                    cpus: row.int("cpus").map(Int.init), ram: row.int("ram_bytes").map(ByteSize.init(bytes:)),
                                    ramReserve: row.int("ram_reserve_bytes").map(ByteSize.init(bytes:)), enabled: row.int("enabled") == 1,
                                    description: row.string("description"), tags: tags[id] ?? [], attributes: attributes[id] ?? [:]))
        }
        for row in try db.query("SELECT h.name AS host, p.name, p.type, p.size_bytes, p.thin, p.description FROM pools p JOIN machines h ON h.id = p.host_id") {
            pools.append(Pool(host: row.string("host")!, name: row.string("name")!, type: try row.choice("type"),
                              size: ByteSize(bytes: row.int("size_bytes")!), thin: row.int("thin") == 1, description: row.string("description")))
        }
        for row in try db.query("SELECT m.name AS machine, d.name, d.size_bytes, p.name AS pool, d.media FROM disks d JOIN machines m ON m.id = d.machine_id LEFT JOIN pools p ON p.id = d.pool_id") {
            disks.append(Disk(machine: row.string("machine")!, name: row.string("name")!, size: ByteSize(bytes: row.int("size_bytes")!),
                              pool: row.string("pool"), media: try row.optionalChoice("media")))
        }
        for row in try db.query("SELECT name, distribution, description FROM clusters") {
            clusters.append(Cluster(name: row.string("name")!, distribution: row.string("distribution"), description: row.string("description")))
        }
        for row in try db.query("SELECT c.name AS cluster, m.name AS machine, n.role FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id JOIN machines m ON m.id = n.machine_id") {
            nodes.append(ClusterNode(cluster: row.string("cluster")!, machine: row.string("machine")!, role: try row.choice("role")))
        }
        // Addresses name their holders; capacity only counts them per range.
        for row in try db.query("SELECT s.name, c.name AS cluster, s.description FROM services s LEFT JOIN clusters c ON c.id = s.cluster_id") {
            services.append(Service(name: row.string("name")!, cluster: row.string("cluster"), description: row.string("description")))
        }
        for row in try db.query("""
            SELECT a.family, a.address, p.network, p.length, r.name AS range, m.name AS machine, s.name AS service, a.dns_name, a.description, a.position
            FROM addresses a JOIN prefixes p ON p.id = a.prefix_id LEFT JOIN ranges r ON r.id = a.range_id
            LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN services s ON s.id = a.service_id
            """) {
            let holder: Holder = row.string("machine").map(Holder.machine) ?? row.string("service").map(Holder.service) ?? .none
            allocations.append(Allocation(address: try row.address("address"), holder: holder, prefix: try row.network("network", "length"),
                                          range: row.string("range"), dns: row.string("dns_name"), description: row.string("description"),
                                          position: Int(row.int("position") ?? 0)))
        }
        guard everything else {
            self = normalized()
            return
        }
        for row in try db.query("SELECT name, description FROM zones") {
            zones.append(Zone(name: row.string("name")!, description: row.string("description")))
        }
        for row in try db.query("SELECT z.name AS zone, r.name, r.type, r.value, r.view, r.ttl, r.proxied FROM records r JOIN zones z ON z.id = r.zone_id") {
            records.append(Record(zone: row.string("zone")!, name: row.string("name")!, type: try row.choice("type"), value: row.string("value")!,
                                  view: try row.choice("view"), ttl: row.int("ttl").map(Int.init), proxied: row.int("proxied") == 1))
        }
        for row in try db.query("""
            SELECT t.name, t.kind, z.name AS zone, t.view, t.url, t.hosts_file, t.cname_file, t.reload_command, t.description
            FROM dns_targets t JOIN zones z ON z.id = t.zone_id
            """) {
            dnsTargets.append(DNSTarget(name: row.string("name")!, kind: try row.choice("kind"), zone: row.string("zone")!, view: try row.choice("view"),
                                        url: row.string("url"), hostsFile: row.string("hosts_file"), cnameFile: row.string("cname_file"),
                                        reloadCommand: row.string("reload_command"), description: row.string("description")))
        }
        groups = try Lab.loadGroups(db)
        self = normalized()
    }
}

/// A row that does not match the schema's expectations (a damaged or hand-edited database).
public struct CorruptRowError: Error, CustomStringConvertible {
    /// What was found.
    public let message: String
    public var description: String { "unexpected data in the database: \(message); run `labdb check`" }

    /// An error describing what was found.
    public init(message: String) { self.message = message }
}

extension Row {
    func address(_ column: String, familyColumn: String = "family") throws -> IPAddress {
        guard let bytes = bytes(column), let family = IPFamily(rawValue: Int(int(familyColumn) ?? 0)),
              let address = IPAddress(family: family, bytes: bytes) else {
            throw CorruptRowError(message: "column \(column) does not hold an address")
        }
        return address
    }

    func optionalAddress(_ column: String) throws -> IPAddress? {
        self[column].isNull ? nil : try address(column)
    }

    func network(_ column: String, _ lengthColumn: String) throws -> IPNetwork {
        guard let network = IPNetwork(network: try address(column), length: Int(int(lengthColumn) ?? -1)) else {
            throw CorruptRowError(message: "column \(column) does not hold a network")
        }
        return network
    }

    func choice<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        guard let text = string(column), let value = T(rawValue: text) else {
            throw CorruptRowError(message: "column \(column) holds '\(string(column) ?? "NULL")'")
        }
        return value
    }

    func optionalChoice<T: RawRepresentable>(_ column: String) throws -> T? where T.RawValue == String {
        self[column].isNull ? nil : try choice(column) as T
    }
}

extension IPAddress {
    /// The storage form: family and 16-byte blob.
    public var sqlArguments: [SQLValue] { [.integer(Int64(family.rawValue)), .blob(bytes)] }
}
