import LabIP
import LabStore

/// The IPAM listings: utilisation of every prefix and range, allocated addresses, one address.
public struct IPAMViews {
    let db: Database

    /// Views over `database` (read-only connections work).
    public init(database: Database) { self.db = database }

    /// Every prefix, each followed by its ranges: usable size, used, free, percent used and
    /// the first free address. Counts are of usable addresses only (a /24 has 254).
    ///
    /// One query gives every range's count and the run of allocated addresses at its start,
    /// so the cost is a few index seeks per range.
    public func utilisation() throws -> ResultTable {
        var table = ResultTable(columns: ["kind", "name", "prefix", "first", "last", "purpose", "size", "used", "free", "percent", "first_free"])
        let allocator = IPAllocator(database: db)
        let runs = AddressRunIndex(database: db)
        var fresh: [IPFamily: Bool] = [:]
        for family in IPFamily.allCases {
            if try runs.isStale(family), !db.isReadOnly { try runs.refreshIfStale(family) }
            fresh[family] = try !runs.isStale(family)
        }
        func firstFree(in usable: IPRange, runLast: IPAddress?, startsAtBounds: Bool) throws -> IPAddress? {
            guard fresh[usable.family] == true, startsAtBounds else { return try allocator.freeAddresses(in: usable, limit: 1).first }
            guard let runLast, runLast >= usable.first else { return usable.first }
            return runLast < usable.last ? runLast.advanced(by: 1) : nil
        }
        var rangesByPrefix: [Int64: [[Cell]]] = [:]
        for row in try db.query("""
            SELECT r.prefix_id, r.name, r.family, r.first, r.last, r.purpose, p.network, p.length,
                   (SELECT count(*) FROM addresses a WHERE a.family = r.family AND a.address >= r.first AND a.address <= r.last) AS used,
                   (SELECT u.last FROM address_runs u WHERE u.family = r.family AND u.first <= r.first ORDER BY u.first DESC LIMIT 1) AS run_last
            FROM ranges r JOIN prefixes p ON p.id = r.prefix_id ORDER BY r.family, r.first
            """) {
            let prefix = try row.network("network", "length")
            let first = try row.address("first"), last = try row.address("last")
            guard let bounds = IPRange(first: first, last: last) else { throw CorruptRowError(message: "range \(row.string("name") ?? "?") has bounds \(first)-\(last)") }
            let usable = AddressUsage.usable(bounds: bounds, in: prefix)
            let runLast = row.bytes("run_last").flatMap { IPAddress(family: bounds.family, bytes: $0) }
            let free = try usable.flatMap { try firstFree(in: $0, runLast: runLast, startsAtBounds: $0.first == bounds.first) }
            rangesByPrefix[row.int("prefix_id") ?? -1, default: []].append(
                Self.usage(kind: "range", name: row.string("name"), prefix: prefix, bounds: bounds, usable: usable,
                           purpose: row.string("purpose"), used: Int(row.int("used") ?? 0), firstFree: free))
        }
        for row in try db.query("SELECT id, name, family, network, length FROM prefixes ORDER BY family, network, length") {
            let cidr = try row.network("network", "length")
            let usable = cidr.usable
            let free = try firstFree(in: usable, runLast: nil, startsAtBounds: false)
            table.rows.append(Self.usage(kind: "prefix", name: row.string("name"), prefix: cidr, bounds: usable, usable: usable, purpose: nil,
                                         used: try allocatedCount(in: usable), firstFree: free))
            table.rows += rangesByPrefix[row.int("id") ?? -1] ?? []
        }
        return table
    }

    private static func usage(kind: String, name: String?, prefix: IPNetwork, bounds: IPRange, usable: IPRange?, purpose: String?,
                              used: Int, firstFree: IPAddress?) -> [Cell] {
        let usage = AddressUsage(usable: usable, used: used)
        return [.text(kind), name.map(Cell.text) ?? .null, .text(prefix.description), .text(bounds.first.description), .text(bounds.last.description),
                purpose.map(Cell.text) ?? .null, countCell(usage.size), .int(Int64(used)), countCell(usage.free),
                .double(usage.percent), firstFree.map { .text($0.description) } ?? .text("full")]
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
