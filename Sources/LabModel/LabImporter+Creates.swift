import LabStore

/// Creating machines (with their tags and attributes), pools, disks, addresses and records:
/// many rows per statement (``Database/insertRows(_:select:from:_:)``), in the plan's order. No row
/// of a batch reads a row that an earlier row of the same batch writes.
extension LabImporter {
    /// A disk's pool by name, on the disk's host (a guest's host, or the machine itself):
    /// `machine` and `pool` are the SQL operands (parameters or columns) naming them.
    static func poolLookup(machine: String, pool: String) -> String {
        "(SELECT p.id FROM pools p JOIN machines m ON m.name = \(machine) WHERE p.name = \(pool) AND p.host_id = COALESCE(m.host_id, m.id))"
    }

    /// Creates `machines` (hosts before guests), then their tags, then their attributes. A
    /// guest's row reads its host's, so hosts and guests go in separate statements.
    func insert(_ machines: [Machine]) throws {
        for group in [machines.filter { !$0.kind.isGuest }, machines.filter(\.kind.isGuest)] {
            try db.insertRows("INSERT INTO machines(name, kind, host_id, model, cpus, ram_bytes, ram_reserve_bytes, enabled, description)",
                              select: "v.name, v.kind, (SELECT id FROM machines WHERE name = v.host), v.model, v.cpus, v.ram, v.reserve, v.enabled, v.description",
                              from: ["name", "kind", "host", "model", "cpus", "ram", "reserve", "enabled", "description"],
                              group.lazy.map(LabImporter.values(of:)))
        }
        try insertTags(of: machines)
        try insertAttributes(of: machines)
    }

    /// Adds the tags of `machines`, machine by machine, in each machine's order.
    func insertTags(of machines: [Machine]) throws {
        try db.insertRows("INSERT INTO machine_tags(machine_id, tag)", select: "(SELECT id FROM machines WHERE name = v.machine), v.tag",
                          from: ["machine", "tag"], machines.lazy.flatMap { m in m.tags.lazy.map { [.text(m.name), .text($0)] } })
    }

    /// Adds the attributes of `machines`, machine by machine, by key.
    func insertAttributes(of machines: [Machine]) throws {
        try db.insertRows("INSERT INTO machine_attributes(machine_id, key, value)", select: "(SELECT id FROM machines WHERE name = v.machine), v.key, v.value",
                          from: ["machine", "key", "value"],
                          machines.lazy.flatMap { m in m.attributes.sorted(by: { $0.key < $1.key }).lazy.map { [.text(m.name), .text($0.key), .text($0.value)] } })
    }

    func insert(_ pools: some Collection<Pool>) throws {
        try db.insertRows("INSERT INTO pools(host_id, name, type, size_bytes, thin, description)",
                          select: "(SELECT id FROM machines WHERE name = v.host), v.name, v.type, v.size, v.thin, v.description",
                          from: ["host", "name", "type", "size", "thin", "description"], pools.lazy.map { [.text($0.host)] + LabImporter.values(of: $0) })
    }

    func insert(_ disks: some Collection<Disk>) throws {
        try db.insertRows("INSERT INTO disks(machine_id, name, size_bytes, pool_id, media)",
                          select: """
                              (SELECT id FROM machines WHERE name = v.machine), v.name, v.size,
                              \(LabImporter.poolLookup(machine: "v.machine", pool: "v.pool")), v.media
                              """,
                          from: ["machine", "name", "size", "pool", "media"],
                          disks.lazy.map { d in [.text(d.machine), .text(d.name), .integer(d.size.bytes), d.pool.map { .text($0) } ?? .null, d.media?.rawValue.sqlValue ?? .null] })
    }

    func insert(_ allocations: some Collection<Allocation>) throws {
        try db.insertRows("INSERT INTO addresses(prefix_id, range_id, machine_id, service_id, dns_name, description, position, family, address)",
                          select: """
                              (SELECT id FROM prefixes WHERE family = v.prefix_family AND network = v.prefix_network AND length = v.prefix_length),
                              (SELECT id FROM ranges WHERE name = v.range), (SELECT id FROM machines WHERE name = v.machine),
                              (SELECT id FROM services WHERE name = v.service), v.dns_name, v.description, v.position, v.family, v.address
                              """,
                          from: ["prefix_family", "prefix_network", "prefix_length", "range", "machine", "service", "dns_name", "description", "position",
                                 "family", "address"],
                          allocations.lazy.map(LabImporter.values(of:)))
    }

    func insert(_ records: some Collection<Record>) throws {
        try db.insertRows("INSERT INTO records(ttl, proxied, zone_id, view, name, type, value)",
                          select: "v.ttl, v.proxied, (SELECT id FROM zones WHERE name = v.zone), v.view, v.name, v.type, v.value",
                          from: ["ttl", "proxied", "zone", "view", "name", "type", "value"], records.lazy.map(LabImporter.values(of:)))
    }

    /// A machine's name, kind, host, model, CPUs, RAM, reserved RAM, enabled flag and description.
    static func values(of m: Machine) -> [SQLValue] {
        [.text(m.name), .text(m.kind.rawValue), m.host.sqlValue, m.model.sqlValue, m.cpus.sqlValue,
         m.ram.map { .integer($0.bytes) } ?? .null, m.ramReserve.map { .integer($0.bytes) } ?? .null, m.enabled.sqlValue, m.description.sqlValue]
    }

    /// A pool's name, type, size, thinness and description (the host comes first in an insert, last in an update).
    static func values(of p: Pool) -> [SQLValue] {
        [.text(p.name), .text(p.type.rawValue), .integer(p.size.bytes), p.thin.sqlValue, p.description.sqlValue]
    }

    /// An allocation's prefix key, range, holder, DNS name, description, position, then its address.
    static func values(of a: Allocation) -> [SQLValue] {
        var machine: SQLValue = .null, service: SQLValue = .null
        switch a.holder {
        case .machine(let name): machine = .text(name)
        case .service(let name): service = .text(name)
        case .none: break
        }
        return a.prefix.sqlKey + [a.range.sqlValue, machine, service, a.dns.sqlValue, a.description.sqlValue, .integer(Int64(a.position))]
            + a.address.sqlArguments
    }

    /// A record's TTL and proxying, then its key: zone, view, name, type, value.
    static func values(of r: Record) -> [SQLValue] {
        [r.ttl.sqlValue, r.proxied.sqlValue, .text(r.zone), .text(r.view.rawValue), .text(r.name), .text(r.type.rawValue), .text(r.value)]
    }
}
