/// One planned change on a target: create a record, update one (old → new), or delete one.
public struct DNSChange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What happens.
    public enum Action: String, Sendable, Hashable, Codable {
        case create, update, delete

        var order: Int { switch self { case .create: 0; case .update: 1; case .delete: 2 } }
    }

    public let action: Action
    /// The record as it is on the target (updates and deletes).
    public let old: ObservedRecord?
    /// The record as it should be (creates and updates).
    public let new: DNSRecord?

    /// A record to create.
    public static func create(_ record: DNSRecord) -> DNSChange { DNSChange(action: .create, old: nil, new: record) }
    /// A record to change in place (or to replace, where the target cannot change in place).
    public static func update(_ old: ObservedRecord, to new: DNSRecord) -> DNSChange { DNSChange(action: .update, old: old, new: new) }
    /// A record to remove.
    public static func delete(_ old: ObservedRecord) -> DNSChange { DNSChange(action: .delete, old: old, new: nil) }

    /// The record the change is about (the new one, else the old one).
    public var record: DNSRecord { new ?? old!.record }

    /// `+ create A x 1.2.3.4`, `~ update A x 1.2.3.4 → 1.2.3.5`, `- delete CNAME y z`.
    public var description: String {
        switch action {
        case .create: return "+ create \(new!)"
        case .delete: return "- delete \(old!.record)"
        case .update:
            let before = old!.record, after = new!
            var from: [String] = [], to: [String] = []
            if before.value != after.value { from.append(before.value); to.append(after.value) }
            if before.ttl != after.ttl { from.append("ttl=\(before.ttl.map(String.init) ?? "auto")"); to.append("ttl=\(after.ttl.map(String.init) ?? "auto")") }
            if before.proxied != after.proxied { from.append(before.proxied ? "proxied" : "not proxied"); to.append(after.proxied ? "proxied" : "not proxied") }
            return "~ update \(after.type.rawValue) \(after.name) \(from.joined(separator: " ")) → \(to.joined(separator: " "))"
        }
    }

    /// Sorted by name, type, then action, then value: the same plan always prints the same way.
    public static func < (lhs: DNSChange, rhs: DNSChange) -> Bool {
        let l = lhs.record, r = rhs.record
        return (l.name, l.type.rawValue, lhs.action.order, l.value, lhs.old?.record.value ?? "")
            < (r.name, r.type.rawValue, rhs.action.order, r.value, rhs.old?.record.value ?? "")
    }
}

/// A desired record that the plan cannot carry out, and why: never dropped silently.
public struct DNSSkippedRecord: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let record: DNSRecord
    public let reason: String

    public init(record: DNSRecord, reason: String) { self.record = record; self.reason = reason }

    public var description: String { "! skip \(record): \(reason)" }

    public static func < (lhs: DNSSkippedRecord, rhs: DNSSkippedRecord) -> Bool { lhs.record < rhs.record }
}
