import LabModel

/// Computes the plan that turns a target's current records into the desired ones.
///
/// Only records labdb owns are ever updated or deleted. A desired record that equals a
/// record labdb does not own is skipped (and reported), never adopted or duplicated.
/// Within one name and type, values that disappear are paired with values that appear,
/// in sorted order, so a changed address reads as one update (old → new).
public struct DNSPlanner: Sendable {
    /// What the target can hold and how it stores TTL and proxy settings.
    public let capabilities: DNSCapabilities

    public init(capabilities: DNSCapabilities) { self.capabilities = capabilities }

    /// The plan for `target`.
    public func plan(target: DNSTarget, desired: [DNSRecord], current: [ObservedRecord]) -> DNSPlan {
        var skipped: [DNSSkippedRecord] = []
        var wanted: [DNSRecord.Key: DNSRecord] = [:]
        for record in desired {
            if let reason = capabilities.unsupportedReason(record) {
                skipped.append(DNSSkippedRecord(record: record, reason: reason))
                continue
            }
            wanted[record.key] = wanted[record.key] ?? capabilities.normalize(record)
        }
        // A desired record that exists only without labdb's mark is left alone; when labdb
        // also owns a copy, the owned copy is what the plan keeps.
        let ownedKeys = Set(current.filter(\.owned).map(\.record.key))
        let foreign = Set(current.filter { !$0.owned }.map(\.record.key)).subtracting(ownedKeys)
        for (key, record) in wanted where foreign.contains(key) {
            skipped.append(DNSSkippedRecord(record: record, reason: "the target already has this record without labdb's mark; it is left alone"))
            wanted[key] = nil
        }
        let owned = current.filter(\.owned)
        var changes: [DNSChange] = []
        var ownedByGroup: [GroupKey: [ObservedRecord]] = [:]
        for observed in owned { ownedByGroup[GroupKey(observed.record), default: []].append(observed) }
        var wantedByGroup: [GroupKey: [DNSRecord]] = [:]
        for record in wanted.values { wantedByGroup[GroupKey(record), default: []].append(record) }

        for group in Set(ownedByGroup.keys).union(wantedByGroup.keys) {
            var have = (ownedByGroup[group] ?? []).sorted { ($0.record, $0.handle) < ($1.record, $1.handle) }
            var want = (wantedByGroup[group] ?? []).sorted()
            // Same value on both sides: at most a TTL/proxy update. A duplicate on the target
            // finds nothing left to match and is paired or deleted below.
            var keep: [ObservedRecord] = []
            for observed in have {
                let current = capabilities.normalize(observed.record)
                if let index = want.firstIndex(where: { $0.key == current.key }) {
                    let target = want.remove(at: index)
                    if target.ttl != current.ttl || target.proxied != current.proxied { changes.append(.update(observed, to: target)) }
                } else {
                    keep.append(observed)
                }
            }
            have = keep
            // Pair what disappears with what appears: updates (old → new).
            while !have.isEmpty, !want.isEmpty { changes.append(.update(have.removeFirst(), to: want.removeFirst())) }
            changes += have.map(DNSChange.delete)
            changes += want.map(DNSChange.create)
        }
        return DNSPlan(target: target, changes: changes, skipped: skipped, ownedCount: owned.count)
    }

    private struct GroupKey: Hashable {
        let name: String
        let type: RecordType
        init(_ record: DNSRecord) { name = record.name; type = record.type }
    }
}
