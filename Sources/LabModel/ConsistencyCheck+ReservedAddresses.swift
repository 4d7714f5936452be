import LabIP
import LabStore

extension ConsistencyCheck {
    /// Ranges that contain, and allocations that are, a reserved address (network,
    /// broadcast, IPv6 subnet-router anycast) of a prefix nested inside their own.
    /// Those of the ranges and addresses that meet `span`, when given.
    func reservedAddressFindings(meeting span: IPRange? = nil) throws -> [Finding] {
        let prefixes = try storedPrefixes().map { prefix in (name: prefix.name.map { "'\($0)' (\(prefix.cidr))" } ?? prefix.cidr.description, cidr: prefix.cidr) }
        let reserved = prefixes.flatMap { prefix in prefix.cidr.reserved.map { (address: $0, prefix: prefix) } }
        guard !reserved.isEmpty else { return [] }
        var findings: [Finding] = []
        let meets = span?.meetingCondition(on: "r")
        for row in try db.query("SELECT r.name, r.family, r.first, r.last, p.length FROM ranges r JOIN prefixes p ON p.id = r.prefix_id"
                                + (meets.map { " WHERE " + $0.sql } ?? ""), meets?.values ?? []) {
            guard let first = storedAddress(row, "family", "first"), let last = storedAddress(row, "family", "last"),
                  let bounds = IPRange(first: first, last: last) else { continue }
            let length = Int(row.int("length") ?? 0)
            if let hit = reserved.first(where: { $0.prefix.cidr.length > length && bounds.contains($0.address) }) {
                findings.append(Finding(rule: "range-contains-reserved", .error, "range \(row.string("name") ?? "?")",
                                        "contains \(hit.address), \(IPAllocator.role(of: hit.address, in: hit.prefix.cidr)) of prefix \(hit.prefix.name); end the range before it"))
            }
        }
        for hit in reserved where span?.contains(hit.address) ?? true {
            let holder = try db.first("""
                SELECT coalesce(m.name, s.name) AS holder FROM addresses a LEFT JOIN machines m ON m.id = a.machine_id
                LEFT JOIN services s ON s.id = a.service_id WHERE a.family = ? AND a.address = ?
                """, hit.address.sqlArguments)
            guard let holder else { continue }
            findings.append(Finding(rule: "reserved-address-allocated", .error, "address \(hit.address)", "is \(IPAllocator.role(of: hit.address, in: hit.prefix.cidr)) of prefix \(hit.prefix.name) "
                                    + "but is allocated to \(holder.string("holder") ?? "?"); release it (`labdb ip release \(hit.address)`)"))
        }
        return findings
    }
}
