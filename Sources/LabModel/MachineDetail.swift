import LabIP
import LabStore

/// One machine with everything attached to it: resources, host or guests, addresses,
/// disks by pool, cluster roles, tags, attributes and the DNS records that point at it.
/// What the API's `/machines/{name}` and the machine page show.
public struct MachineDetail: Sendable, Hashable, Codable {
    /// An address the machine holds.
    public struct Address: Sendable, Hashable, Codable {
        public let address: String
        public let range: String?
        public let prefix: String
        public let dnsName: String?
        public let description: String?
    }
    /// A disk and the pool it lives in.
    public struct Disk: Sendable, Hashable, Codable {
        public let name: String
        public let sizeBytes: Int64
        public let pool: String?
        public let media: String?
    }
    /// Membership of a cluster.
    public struct ClusterRole: Sendable, Hashable, Codable {
        public let cluster: String
        public let role: String
    }
    /// A DNS record whose value is one of the machine's addresses or names.
    public struct DNSRecord: Sendable, Hashable, Codable {
        public let name: String
        public let zone: String
        public let type: String
        public let value: String
        public let view: String
    }

    public let name: String
    public let kind: String
    public let host: String?
    public let model: String?
    public let cpus: Int64?
    public let ramBytes: Int64?
    public let ramReserveBytes: Int64?
    public let enabled: Bool
    public let description: String?
    public let tags: [String]
    public let attributes: [String: String]
    public let guests: [String]
    public let addresses: [Address]
    public let disks: [Disk]
    public let clusters: [ClusterRole]
    public let records: [DNSRecord]

    /// The machine named `name` (any case), or nil when there is none.
    public init?(database db: Database, name: String) throws {
        guard let row = try db.first("""
            SELECT m.id, m.name, m.kind, h.name AS host, m.model, m.cpus, m.ram_bytes, m.ram_reserve_bytes, m.enabled, m.description
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id WHERE m.name = ?
            """, [.text(name)]), let id = row.int("id") else { return nil }
        let key: [SQLValue] = [.integer(id)]
        self.name = row.string("name")!
        kind = row.string("kind")!
        host = row.string("host")
        model = row.string("model")
        cpus = row.int("cpus")
        ramBytes = row.int("ram_bytes")
        ramReserveBytes = row.int("ram_reserve_bytes")
        enabled = row.int("enabled") == 1
        description = row.string("description")
        tags = try db.query("SELECT tag FROM machine_tags WHERE machine_id = ? ORDER BY tag", key).compactMap { $0.string("tag") }
        attributes = Dictionary(try db.query("SELECT key, value FROM machine_attributes WHERE machine_id = ?", key).map {
            ($0.string("key")!, $0.string("value")!)
        }, uniquingKeysWith: { first, _ in first })
        guests = try db.query("SELECT name FROM machines WHERE host_id = ? ORDER BY name", key).compactMap { $0.string("name") }
        addresses = try db.query("""
            SELECT a.family, a.address, r.name AS range, p.family AS pfamily, p.network, p.length, a.dns_name, a.description
            FROM addresses a JOIN prefixes p ON p.id = a.prefix_id LEFT JOIN ranges r ON r.id = a.range_id
            WHERE a.machine_id = ? ORDER BY a.position, a.address
            """, key).map { row in
            let family = IPFamily(rawValue: Int(row.int("family") ?? 4)) ?? .v4
            let address = IPAddress(family: family, bytes: row.bytes("address") ?? []).map { $0.description } ?? "?"
            let network = IPAddress(family: family, bytes: row.bytes("network") ?? []).map { "\($0)/\(row.int("length") ?? 0)" } ?? "?"
            return Address(address: address, range: row.string("range"), prefix: network, dnsName: row.string("dns_name"), description: row.string("description"))
        }
        disks = try db.query("""
            SELECT d.name, d.size_bytes, ph.name || '/' || p.name AS pool, d.media
            FROM disks d LEFT JOIN pools p ON p.id = d.pool_id LEFT JOIN machines ph ON ph.id = p.host_id
            WHERE d.machine_id = ? ORDER BY d.name
            """, key).map { Disk(name: $0.string("name")!, sizeBytes: $0.int("size_bytes") ?? 0, pool: $0.string("pool"), media: $0.string("media")) }
        clusters = try db.query("""
            SELECT c.name, n.role FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.machine_id = ? ORDER BY c.name
            """, key).map { ClusterRole(cluster: $0.string("name")!, role: $0.string("role")!) }
        let values = addresses.map(\.address) + addresses.compactMap(\.dnsName)
        var records: [DNSRecord] = []
        for value in Set(values.map { $0.lowercased() }).sorted() {
            records += try db.query("""
                SELECT r.name, z.name AS zone, r.type, r.value, r.view FROM records r JOIN zones z ON z.id = r.zone_id
                WHERE r.value = ? COLLATE NOCASE OR r.value = ? || '.' COLLATE NOCASE ORDER BY z.name, r.name, r.view
                """, [.text(value), .text(value)]).map {
                DNSRecord(name: $0.string("name")!, zone: $0.string("zone")!, type: $0.string("type")!, value: $0.string("value")!, view: $0.string("view")!)
            }
        }
        self.records = records
    }

    /// The machine names closest to `name`, for a did-you-mean.
    public static func suggestion(for name: String, in db: Database) throws -> String? {
        Suggestion.closest(to: name, in: try db.query("SELECT name FROM machines").compactMap { $0.string("name") })
    }
}
