import LabModel
import LabStore

/// The entries labdb created on a target that keeps no metadata per entry (Pi-hole API
/// and files): table `dns_owned_entries`. Each change is one statement, recorded as
/// soon as the target accepted it, so a partial apply leaves the list true.
public struct OwnershipStore {
    let db: Database
    /// The target's name.
    public let target: String

    public init(database: Database, target: String) { self.db = database; self.target = target }

    /// The keys of the records labdb owns on the target.
    public func ownedKeys() throws -> Set<DNSRecord.Key> {
        var keys = Set<DNSRecord.Key>()
        for row in try db.query("""
            SELECT o.type, o.name, o.value FROM dns_owned_entries o JOIN dns_targets t ON t.id = o.target_id WHERE t.name = ?
            """, [.text(target)]) {
            guard let type = row.string("type").flatMap(RecordType.init(rawValue:)), let name = row.string("name"), let value = row.string("value") else { continue }
            keys.insert(DNSRecord(name: name, type: type, value: value).key)
        }
        return keys
    }

    /// Records that labdb now owns `record`.
    public func add(_ record: DNSRecord) throws {
        try db.execute("""
            INSERT OR IGNORE INTO dns_owned_entries(target_id, type, name, value) VALUES ((SELECT id FROM dns_targets WHERE name = ?), ?, ?, ?)
            """, [.text(target), .text(record.type.rawValue), .text(record.name), .text(record.value)])
    }

    /// Records that `record` is gone from the target.
    public func remove(_ record: DNSRecord) throws {
        try db.execute("""
            DELETE FROM dns_owned_entries WHERE target_id = (SELECT id FROM dns_targets WHERE name = ?) AND type = ? AND name = ? AND value = ?
            """, [.text(target), .text(record.type.rawValue), .text(record.name), .text(record.value)])
    }

    /// Applies the ownership effect of `changes` (all accepted by the target) in one transaction.
    public func record(_ changes: [DNSChange]) throws {
        try db.transaction(.immediate) {
            for change in changes {
                if let old = change.old { try remove(old.record) }
                if let new = change.new { try add(new) }
            }
        }
    }
}
