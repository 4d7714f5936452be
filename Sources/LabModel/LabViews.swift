import LabIP
import LabStore

/// The read-only listings of the lab that the CLI prints (hosts, vms, ranges).
public struct LabViews {
    let db: Database

    /// Views over `database`.
    public init(database: Database) { self.db = database }

    /// Physical machines with their resources and primary address.
    public func hosts() throws -> ResultTable {
        try machines(guests: false)
    }

    /// VMs and containers with their host, resources, disks and primary address.
    public func vms() throws -> ResultTable {
        try machines(guests: true)
    }

    private func machines(guests: Bool) throws -> ResultTable {
        let kinds = guests ? "('vm', 'lxc')" : "('server', 'pi', 'router', 'switch', 'nas', 'other')"
        var table = ResultTable(columns: guests
            ? ["name", "type", "host", "cpus", "ram", "disk", "address", "cluster", "role", "tags"]
            : ["name", "kind", "model", "cpus", "ram", "address", "guests", "tags"])
        for row in try db.query("""
            SELECT m.id, m.name, m.kind, m.model, m.cpus, m.ram_bytes, h.name AS host,
                   (SELECT sum(size_bytes) FROM disks d WHERE d.machine_id = m.id) AS disk,
                   (SELECT a.family || ',' || hex(a.address) FROM addresses a WHERE a.machine_id = m.id ORDER BY a.position, a.address LIMIT 1) AS address,
                   (SELECT count(*) FROM machines g WHERE g.host_id = m.id) AS guests,
                   (SELECT group_concat(c.name) FROM cluster_nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.machine_id = m.id) AS cluster,
                   (SELECT group_concat(n.role) FROM cluster_nodes n WHERE n.machine_id = m.id) AS role,
                   (SELECT group_concat(tag) FROM (SELECT tag FROM machine_tags t WHERE t.machine_id = m.id ORDER BY tag)) AS tags
            FROM machines m LEFT JOIN machines h ON h.id = m.host_id
            WHERE m.kind IN \(kinds) ORDER BY m.name
            """) {
            let address = Cell.text(LabViews.decodeAddress(row.string("address")) ?? "")
            let tags = Cell.list(row.string("tags")?.split(separator: ",").map(String.init) ?? [])
            let cpus = row.int("cpus").map(Cell.int) ?? .null
            let ram = row.int("ram_bytes").map(Cell.size) ?? .null
            if guests {
                table.rows.append([.text(row.string("name")!), .text(row.string("kind")!), .text(row.string("host") ?? ""), cpus, ram,
                                   row.int("disk").map(Cell.size) ?? .null, address, row.string("cluster").map(Cell.text) ?? .null,
                                   row.string("role").map(Cell.text) ?? .null, tags])
            } else {
                table.rows.append([.text(row.string("name")!), .text(row.string("kind")!), row.string("model").map(Cell.text) ?? .null,
                                   cpus, ram, address, .int(row.int("guests") ?? 0), tags])
            }
        }
        return table
    }

    /// Every prefix and range: usable size, used, free, percent used and first free address.
    public func ranges() throws -> ResultTable {
        try IPAMViews(database: db).utilisation()
    }

    /// Decodes `family,HEX` as produced by the listing queries.
    static func decodeAddress(_ text: String?) -> String? {
        guard let text, let comma = text.firstIndex(of: ","), let family = IPFamily(rawValue: Int(text[..<comma]) ?? 0) else { return nil }
        var bytes: [UInt8] = []
        var hex = text[text.index(after: comma)...]
        while hex.count >= 2 {
            bytes.append(UInt8(hex.prefix(2), radix: 16) ?? 0)
            hex = hex.dropFirst(2)
        }
        return IPAddress(family: family, bytes: bytes)?.description
    }
}
