import LabIP
import LabStore

/// The IPAM listings: utilisation of every prefix and range, allocated addresses, one address.
public struct IPAMViews {
    let db: Database

    /// Views over `database` (read-only connections work).
    public init(database: Database) { self.db = database }

    /// Every prefix, each followed by its ranges: usable size, used, free, percent used and
    /// the first free address. Counts are of usable addresses only (a /24 has 254).
    public func utilisation() throws -> ResultTable {
        let allocator = IPAllocator(database: db)
        var table = ResultTable(columns: ["kind", "name", "prefix", "first", "last", "purpose", "size", "used", "free", "percent", "first_free"])
        let ranges = Dictionary(grouping: try allocator.allRanges(), by: \.prefixID)
        for row in try db.query("SELECT id, name, family, network, length FROM prefixes ORDER BY family, network, length") {
            let cidr = try row.network("network", "length")
            let usable = cidr.usable
            table.rows.append(try usage(kind: "prefix", name: row.string("name"), prefix: cidr, bounds: usable, usable: usable, purpose: nil))
            for range in ranges[row.int("id") ?? -1] ?? [] {
                table.rows.append(try usage(kind: "range", name: range.name, prefix: cidr, bounds: range.bounds, usable: range.usable, purpose: range.purpose))
            }
        }
        return table
    }

    private func usage(kind: String, name: String?, prefix: IPNetwork, bounds: IPRange, usable: IPRange?, purpose: String?) throws -> [Cell] {
        let size = usable?.count ?? 0
        let used = try usable.map(allocatedCount(in:)) ?? 0
        let firstFree = try usable.flatMap { try IPAllocator(database: db).freeAddresses(in: $0, limit: 1).first }
        let percent = size == 0 ? 100 : (Double(used) / Double(size) * 1000).rounded() / 10
        return [.text(kind), name.map(Cell.text) ?? .null, .text(prefix.description), .text(bounds.first.description), .text(bounds.last.description),
                purpose.map(Cell.text) ?? .null, Self.countCell(size), .int(Int64(used)), Self.countCell(size - UInt128(used)),
                .double(percent), firstFree.map { .text($0.description) } ?? .text("full")]
    }

    /// The number of allocated addresses in `bounds` (an index range count).
    public func allocatedCount(in bounds: IPRange) throws -> Int {
        Int(try db.scalar("SELECT count(*) FROM addresses WHERE family = ? AND address >= ? AND address <= ?",
                          bounds.first.sqlArguments + [.blob(bounds.last.bytes)])?.int ?? 0)
    }

    /// A count as a number when it is small, else readably (`2^64`) so that nobody reads a 20-digit figure.
    static func countCell(_ count: UInt128) -> Cell {
        count < 1_000_000_000 ? .int(Int64(count)) : .text(AddressCount.format(count))
    }

    // MARK: - Addresses

    static let addressColumns = """
        SELECT a.family, a.address, m.name AS machine, s.name AS service, a.dns_name, a.position, a.description,
               r.name AS range, p.network, p.length
        FROM addresses a JOIN prefixes p ON p.id = a.prefix_id LEFT JOIN ranges r ON r.id = a.range_id
        LEFT JOIN machines m ON m.id = a.machine_id LEFT JOIN services s ON s.id = a.service_id
        """

    /// The allocated addresses, in address order; only those in `bounds` when given.
    public func addresses(in bounds: IPRange? = nil) throws -> ResultTable {
        var table = ResultTable(columns: ["address", "holder", "kind", "dns", "range", "prefix", "position", "description"])
        let rows = if let bounds {
            try db.query(Self.addressColumns + " WHERE a.family = ? AND a.address >= ? AND a.address <= ? ORDER BY a.family, a.address",
                         bounds.first.sqlArguments + [.blob(bounds.last.bytes)])
        } else {
            try db.query(Self.addressColumns + " ORDER BY a.family, a.address")
        }
        for row in rows {
            let kind: Cell = row.string("machine") != nil ? .text("machine") : row.string("service") != nil ? .text("service") : .null
            table.rows.append([.text(try row.address("address").description), (row.string("machine") ?? row.string("service")).map(Cell.text) ?? .null,
                               kind, row.string("dns_name").map(Cell.text) ?? .null, row.string("range").map(Cell.text) ?? .null,
                               .text(try row.network("network", "length").description), .int(row.int("position") ?? 0),
                               row.string("description").map(Cell.text) ?? .null])
        }
        return table
    }

    /// The bounds that `ip list` filters by: a range name or a CIDR network.
    public func listBounds(_ text: String) throws -> IPRange {
        if text.contains("/") {
            switch IPNetwork.parse(text) {
            case .success(let network): return IPRange(first: network.first, last: network.last)!
            case .failure(let error): throw IPAMError.malformedNetwork(reason: error.description)
            }
        }
        return try IPAllocator(database: db).range(named: text).bounds
    }

    /// One address: whether it is allocated, who holds it, its range and prefix, and the DNS
    /// names that point at it (its own name and the records whose value is the address).
    public func show(_ address: IPAddress) throws -> ResultTable {
        let allocator = IPAllocator(database: db)
        let place = try allocator.place(of: address)
        let row = try db.first(Self.addressColumns + " WHERE a.family = ? AND a.address = ?", address.sqlArguments)
        guard place.prefix != nil || row != nil else { throw IPAMError.outsideEveryPrefix(address: address) }
        var names: [String] = []
        if let dns = row?.string("dns_name") { names.append(dns) }
        for record in try db.query("""
            SELECT r.name, z.name AS zone, r.view FROM records r JOIN zones z ON z.id = r.zone_id
            WHERE r.value = ? AND r.type IN ('A', 'AAAA') ORDER BY z.name, r.name
            """, [.text(address.description)]) {
            let name = record.string("name") ?? "@", zone = record.string("zone") ?? ""
            let fqdn = name == "@" ? zone : "\(name).\(zone)"
            if !names.contains(where: { $0.lowercased() == fqdn.lowercased() }) { names.append(fqdn) }
        }
        let holder = row.flatMap { $0.string("machine").map { "machine \($0)" } ?? $0.string("service").map { "service \($0)" } }
        let prefix = place.prefix.map { prefix in prefix.name.map { "\(prefix.cidr) (\($0))" } ?? prefix.cidr.description }
        let usable = place.prefix.map { $0.cidr.usable.contains(address) } ?? true
        let state = row != nil ? "allocated" : usable ? "free" : IPAllocator.role(of: address, in: place.prefix!.cidr)
        let table = ResultTable(columns: ["address", "state", "holder", "range", "prefix", "dns", "position", "description"], rows: [[
            .text(address.description), .text(state), holder.map(Cell.text) ?? (row != nil ? .text("nobody (reserved)") : .null),
            place.range.map { .text($0.name) } ?? .null, prefix.map(Cell.text) ?? .null, .list(names),
            row?.int("position").map(Cell.int) ?? .null, row?.string("description").map(Cell.text) ?? .null,
        ]])
        return table
    }
}
