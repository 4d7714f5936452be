import LabIP
import LabStore

/// The records a cluster's external-dns keeps in labdb. Each belongs to one owner
/// (`external-dns:CLUSTER`); a batch never overwrites or deletes a record of the lab
/// file or of another owner: such a change is left out and reported as a clash, and the
/// rest of the batch is applied (external-dns treats a refusal as final and would stop
/// syncing the cluster altogether). Every batch is one transaction.
public struct ExternalDNSStore {
    let db: Database

    /// The store of `database`.
    public init(database: Database) { self.db = database }

    /// What a batch did.
    public struct Outcome: Sendable, Equatable {
        public var created = 0
        public var deleted = 0
        /// Changes left out, one sentence each (a name held by the lab file or another owner,
        /// a name outside every zone).
        public var clashes: [String] = []
    }

    /// Every record of `owner`, by name, type and value.
    public func records(owner: String) throws -> [ExternalRecord] {
        try db.query("""
            SELECT CASE WHEN t.name = '@' THEN z.name ELSE t.name || '.' || z.name END AS fqdn, t.type, t.value, t.ttl, t.owner
            FROM external_records t JOIN zones z ON z.id = t.zone_id WHERE t.owner = ? ORDER BY fqdn, t.type, t.value
            """, [.text(owner)]).map {
            ExternalRecord(fqdn: $0.string("fqdn")!.lowercased(), type: $0.string("type")!, value: $0.string("value")!,
                           ttl: $0.int("ttl").map(Int.init), owner: $0.string("owner")!)
        }
    }

    /// Every external record of the internal view that DNS targets publish (A, AAAA, CNAME).
    public func publishable() throws -> [ExternalRecord] {
        try db.query("""
            SELECT CASE WHEN t.name = '@' THEN z.name ELSE t.name || '.' || z.name END AS fqdn, t.type, t.value, t.ttl, t.owner
            FROM external_records t JOIN zones z ON z.id = t.zone_id WHERE t.type IN ('A', 'AAAA', 'CNAME') ORDER BY fqdn, t.type, t.value
            """).map {
            ExternalRecord(fqdn: $0.string("fqdn")!.lowercased(), type: $0.string("type")!, value: $0.string("value")!,
                           ttl: $0.int("ttl").map(Int.init), owner: $0.string("owner")!)
        }
    }

    /// Deletes `deletes` and creates `creates` for `owner`, in one transaction, in that
    /// order (an update is a delete of the old record and a create of the new one).
    public func apply(owner: String, creates: [ExternalRecord], deletes: [ExternalRecord]) throws -> Outcome {
        try db.transaction(.immediate) {
            var outcome = Outcome()
            let zones = try db.query("SELECT id, name FROM zones").map { (id: $0.int("id")!, name: $0.string("name")!.lowercased()) }
            for record in deletes {
                guard let (zone, name) = ExternalDNSStore.place(record.fqdn, in: zones) else { continue }
                try db.execute("DELETE FROM external_records WHERE zone_id = ? AND name = ? AND type = ? AND value = ? AND owner = ?",
                               [.integer(zone), .text(name), .text(record.type), .text(record.value), .text(owner)])
                outcome.deleted += db.changes
            }
            for record in creates {
                guard let (zone, name) = ExternalDNSStore.place(record.fqdn, in: zones) else {
                    outcome.clashes.append("\(record.fqdn) is in no zone of the lab")
                    continue
                }
                if let holder = try clash(zone: zone, name: name, type: record.type, owner: owner) {
                    outcome.clashes.append("\(record.type) \(record.fqdn) is held by \(holder); left as it is")
                    continue
                }
                try db.execute("""
                    INSERT INTO external_records(zone_id, name, type, value, ttl, owner) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(zone_id, name, type, value) DO NOTHING
                    """, [.integer(zone), .text(name), .text(record.type), .text(record.value), record.ttl.map { SQLValue.integer(Int64($0)) } ?? .null, .text(owner)])
                outcome.created += db.changes
            }
            return outcome
        }
    }

    /// Who else holds `name` (of `type`) in the zone's internal view: the lab file, or another
    /// owner; nil when the name is free for `owner`. A CNAME clashes with any record of its
    /// name, and any record with a CNAME of the same name.
    private func clash(zone: Int64, name: String, type: String, owner: String) throws -> String? {
        let types = type == "CNAME" ? "" : " AND (type = ?2 OR type = 'CNAME')"
        var arguments: [SQLValue] = [.integer(zone), .text(type), .text(name)]
        if try db.first("SELECT 1 FROM records WHERE zone_id = ?1 AND view = 'internal' AND name = ?3 COLLATE NOCASE" + types, arguments) != nil {
            return "the lab file"
        }
        // TXT records of external-dns's registry may share a name with the owner's records only.
        arguments.append(.text(owner))
        if let row = try db.first("SELECT owner FROM external_records WHERE zone_id = ?1 AND name = ?3 AND owner <> ?4" + (type == "TXT" ? " AND type = 'TXT'" : types), arguments) {
            return row.string("owner")
        }
        return nil
    }

    /// The zone holding `fqdn` (the longest suffix) and the name inside it (`@` at the apex).
    static func place(_ fqdn: String, in zones: [(id: Int64, name: String)]) -> (Int64, String)? {
        let name = fqdn.lowercased()
        let matches = zones.filter { name == $0.name || name.hasSuffix("." + $0.name) }
        guard let zone = matches.max(by: { $0.name.count < $1.name.count }) else { return nil }
        return (zone.id, name == zone.name ? "@" : String(name.dropLast(zone.name.count + 1)))
    }
}
