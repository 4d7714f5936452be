import LabModel

/// The owned and desired records of one name and type, paired into changes: same value on
/// both sides is at most a TTL/proxy update; values that disappear are paired with values
/// that appear, in sorted order (updates old → new); the rest are deleted or created.
struct DNSPlanGroup {
    /// The name and type that make a group.
    struct Key: Hashable {
        let name: String
        let type: RecordType
        init(_ record: DNSRecord) { name = record.name; type = record.type }
    }

    /// The records labdb owns on the target, with their positions in what the target reported.
    var have: [(position: Int, observed: ObservedRecord)] = []
    /// The desired records, normalised for the target, one per key.
    var want: [DNSRecord] = []

    /// The group's changes, in an order that does not depend on how the records arrived
    /// (both sides are sorted first), so that equal changes always come out alike.
    func changes(capabilities: DNSCapabilities) -> [DNSChange] {
        // In the order the target reported them, then sorted: records that differ only in a
        // nil or zero TTL are neither equal nor ordered, so their order is the report's.
        var have = self.have.sorted { $0.position < $1.position }.map(\.observed)
            .sorted { ($0.record, $0.handle) < ($1.record, $1.handle) }
        var want = self.want.sorted()
        var changes: [DNSChange] = []
        // Same value on both sides: at most a TTL/proxy update. A duplicate on the target
        // finds nothing left to match and is paired or deleted below.
        var keep: [ObservedRecord] = []
        for observed in have {
            let key = observed.record.key
            if let index = want.firstIndex(where: { $0.key == key }) {
                let target = want.remove(at: index)
                if let update = DNSPlanGroup.update(observed, to: target, capabilities: capabilities) { changes.append(update) }
            } else {
                keep.append(observed)
            }
        }
        have = keep
        // Pair what disappears with what appears: updates (old → new).
        while !have.isEmpty, !want.isEmpty { changes.append(.update(have.removeFirst(), to: want.removeFirst())) }
        changes += have.map(DNSChange.delete)
        changes += want.map(DNSChange.create)
        return changes
    }

    /// The update that gives `observed` the TTL and proxy setting of `target` (same key),
    /// or nil when the target already stores it that way.
    static func update(_ observed: ObservedRecord, to target: DNSRecord, capabilities: DNSCapabilities) -> DNSChange? {
        let current = capabilities.normalize(observed.record)
        return target.ttl != current.ttl || target.proxied != current.proxied ? .update(observed, to: target) : nil
    }
}
