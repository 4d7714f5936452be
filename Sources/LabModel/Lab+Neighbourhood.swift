import LabIP
import LabStore

/// The part of the lab that the lab file's rules consult about one added or deleted
/// object: checking that part (with the object) as a lab file finds exactly what
/// checking the whole lab would find about the object, on a lab that was valid before,
/// and the difference between the part before and after is the whole lab's difference.
///
/// Each part is closed under references, so that it reads back as a lab file on its
/// own: a range brings its prefix and clusters, an address its prefix, range and
/// holder, a holder all its addresses (their order is their position), a guest its
/// host, a service its cluster.
extension Lab {
    /// For a record named `fqdn` (added to `zone`, or deleted): the zone and every record
    /// whose name is `fqdn` in any zone (duplicates, CNAME exclusivity), with their zones.
    public static func neighbourhood(ofRecordNamed fqdn: String, zone: String?, in db: Database) throws -> Lab {
        let labels = fqdn.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // Every way of splitting the name into (record name, zone): `a.b.example.com` is
        // `a.b` in `example.com`, `a` in `b.example.com`, `@` in `a.b.example.com`...
        let splits = labels.indices.map { index in
            (name: index == 0 ? "@" : labels[..<index].joined(separator: "."), zone: labels[index...].joined(separator: "."))
        }
        let zoneNames = splits.map(\.zone) + (zone.map { [$0] } ?? [])
        var part = Lab()
        part.zones = try loadZones(db, where: "z.name IN (\(placeholders(zoneNames.count)))", zoneNames.map { .text($0) })
        // One lookup per split, each on the records' unique (zone, view, name, ...) index.
        for split in splits {
            part.records += try loadRecords(db, where: "r.zone_id = (SELECT id FROM zones WHERE name = ?) AND r.view IN ('internal', 'public') AND r.name = ?",
                                            [.text(split.zone), .text(split.name)])
        }
        return part.normalized()
    }

    /// For a range `name` from `first` to `last` (in the prefix called `prefixName`, when
    /// named): the prefixes and ranges it could lie in, overlap or hold the network
    /// address of, the range of the same name, and the addresses it would take in.
    public static func neighbourhood(ofRange name: String, first: IPAddress, last: IPAddress, prefix prefixName: String?, in db: Database) throws -> Lab {
        var part = LabNeighbourhood(db)
        let span: [SQLValue] = [.integer(Int64(first.family.rawValue)), .blob(last.bytes), .blob(first.bytes)]
        try part.add(loadPrefixes(db, where: "p.family = ? AND p.network <= ? AND p.last >= ?", span))
        if let prefixName { try part.add(loadPrefixes(db, where: "p.name = ?", [.text(prefixName)])) }
        try part.add(loadRanges(db, where: "r.family = ? AND r.first <= ? AND r.last >= ?", span))
        try part.add(loadRanges(db, where: "r.name = ?", [.text(name)]))
        try part.add(loadAllocations(db, where: "a.family = ? AND a.address <= ? AND a.address >= ?", span))
        return try part.closed()
    }

    /// For a prefix `cidr` called `name`: the prefixes it could duplicate, contain or lie
    /// in, the prefix of the same name, the ranges it meets and the addresses it holds.
    public static func neighbourhood(ofPrefix cidr: IPNetwork, name: String?, in db: Database) throws -> Lab {
        var part = LabNeighbourhood(db)
        let span: [SQLValue] = [.integer(Int64(cidr.family.rawValue)), .blob(cidr.last.bytes), .blob(cidr.first.bytes)]
        try part.add(loadPrefixes(db, where: "p.family = ? AND p.network <= ? AND p.last >= ?", span))
        if let name { try part.add(loadPrefixes(db, where: "p.name = ?", [.text(name)])) }
        try part.add(loadRanges(db, where: "r.family = ? AND r.first <= ? AND r.last >= ?", span))
        try part.add(loadAllocations(db, where: "a.family = ? AND a.address <= ? AND a.address >= ?", span))
        return try part.closed()
    }

    /// For a pool on the machine called `host`: that machine and its pools.
    public static func neighbourhood(ofPoolOn host: String, in db: Database) throws -> Lab {
        var part = LabNeighbourhood(db)
        try part.add(loadMachines(db, details: true, where: "m.name = ?", [.text(host)]))
        try part.add(loadPools(db, where: "h.name = ?", [.text(host)]))
        return try part.closed()
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }
}
