import LabDNS
import LabModel

/// The planner as it was before it became linear (group every record by name and type,
/// pair each group on its own): the oracle the planner's plans must equal exactly.
struct DNSReferencePlanner {
    let capabilities: DNSCapabilities

    private struct GroupKey: Hashable {
        let name: String
        let type: RecordType
        init(_ record: DNSRecord) { name = record.name; type = record.type }
    }

    func plan(target: DNSTarget, desired: [DNSRecord], current: [ObservedRecord]) -> DNSPlan {
        var skipped: [DNSSkippedRecord] = []
        var wanted: [DNSRecord.Key: DNSRecord] = [:]
        for record in desired {
            if let reason = capabilities.unsupportedReason(record) {
                skipped.append(DNSSkippedRecord(record: record, reason: reason))
                continue
            }
            wanted[record.key] = wanted[record.key] ?? capabilities.normalize(record)
        }
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
            while !have.isEmpty, !want.isEmpty { changes.append(.update(have.removeFirst(), to: want.removeFirst())) }
            changes += have.map(DNSChange.delete)
            changes += want.map(DNSChange.create)
        }
        return DNSPlan(target: target, changes: changes, skipped: skipped, ownedCount: owned.count)
    }
}
