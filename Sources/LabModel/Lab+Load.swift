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
        prefixes = try Lab.loadPrefixes(db)
        ranges = try Lab.loadRanges(db)
        machines = try Lab.loadMachines(db, details: everything)
        pools = try Lab.loadPools(db)
        disks = try db.rows("SELECT m.name AS machine, d.name, d.size_bytes, p.name AS pool, d.media FROM disks d JOIN machines m ON m.id = d.machine_id LEFT JOIN pools p ON p.id = d.pool_id") { row in
            Disk(machine: row.string("machine")!, name: row.string("name")!, size: ByteSize(bytes: row.int("size_bytes")!),
                 pool: row.string("pool"), media: try row.optionalChoice("media"))
        }
        clusters = try Lab.loadClusters(db)
        nodes = try db.rows("SELECT c.name AS cluster, m.name AS machine, n.role FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id JOIN machines m ON m.id = n.machine_id") { row in
            ClusterNode(cluster: row.string("cluster")!, machine: row.string("machine")!, role: try row.choice("role"))
        }
        // Addresses name their holders; capacity only counts them per range.
        services = try Lab.loadServices(db)
        allocations = try Lab.loadAllocations(db)
        guard everything else {
            normalize()
            return
        }
        zones = try Lab.loadZones(db)
        records = try Lab.loadRecords(db)
        dnsTargets = try db.rows("""
            SELECT t.name, t.kind, z.name AS zone, t.view, t.url, t.hosts_file, t.cname_file, t.reload_command, t.description
            FROM dns_targets t JOIN zones z ON z.id = t.zone_id
            """) { row in
            DNSTarget(name: row.string("name")!, kind: try row.choice("kind"), zone: row.string("zone")!, view: try row.choice("view"),
                      url: row.string("url"), hostsFile: row.string("hosts_file"), cnameFile: row.string("cname_file"),
                      reloadCommand: row.string("reload_command"), description: row.string("description"))
        }
        groups = try Lab.loadGroups(db)
        normalize()
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
