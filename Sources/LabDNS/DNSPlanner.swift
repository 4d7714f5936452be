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
    ///
    /// Linear in the records: one table of desired records by key, one pass over the
    /// current ones. Most owned records find their desired twin by key and cost one lookup;
    /// only the names where something appears or disappears are paired group by group.
    public func plan(target: DNSTarget, desired: [DNSRecord], current: [ObservedRecord]) -> DNSPlan {
        var skipped: [DNSSkippedRecord] = []
        var wanted: [DNSRecord.Key: DNSRecord] = [:]
        wanted.reserveCapacity(desired.count)
        for record in desired {
            if let reason = capabilities.unsupportedReason(record) {
                skipped.append(DNSSkippedRecord(record: record, reason: reason))
                continue
            }
            // The first of equal desired records wins; one hash in the usual case.
            let key = record.key
            if let first = wanted.updateValue(capabilities.normalize(record), forKey: key) { wanted[key] = first }
        }

        var twins: [(position: Int, observed: ObservedRecord, wanted: DNSRecord)] = []
        twins.reserveCapacity(min(current.count, wanted.count))
        var unmatched: [(position: Int, observed: ObservedRecord)] = []
        var foreignKeys: [DNSRecord.Key] = []
        var ownedCount = 0
        for (position, observed) in current.enumerated() {
            guard observed.owned else { foreignKeys.append(observed.record.key); continue }
            ownedCount += 1
            if let record = wanted.removeValue(forKey: observed.record.key) {
                twins.append((position, observed, record))
            } else {
                unmatched.append((position, observed))
            }
        }
        // A desired record that exists only without labdb's mark is left alone; when labdb
        // also owns a copy, the owned copy has already taken it above.
        for key in foreignKeys {
            if let record = wanted.removeValue(forKey: key) {
                skipped.append(DNSSkippedRecord(record: record, reason: "the target already has this record without labdb's mark; it is left alone"))
            }
        }

        // Names where a record appears or disappears are paired as a whole group (with their
        // twins), as `DNSPlanGroup` does; elsewhere a twin is at most a TTL/proxy update.
        var open: [DNSPlanGroup.Key: DNSPlanGroup] = [:]
        for owned in unmatched { open[DNSPlanGroup.Key(owned.observed.record), default: DNSPlanGroup()].have.append(owned) }
        for record in wanted.values { open[DNSPlanGroup.Key(record), default: DNSPlanGroup()].want.append(record) }
        var changes: [DNSChange] = []
        for (position, observed, record) in twins {
            if !open.isEmpty, let index = open.index(forKey: DNSPlanGroup.Key(observed.record)) {
                open.values[index].have.append((position, observed))
                open.values[index].want.append(record)
            } else if let update = DNSPlanGroup.update(observed, to: record, capabilities: capabilities) {
                changes.append(update)
            }
        }
        for group in open.values { changes += group.changes(capabilities: capabilities) }
        return DNSPlan(target: target, changes: changes, skipped: skipped, ownedCount: ownedCount)
    }
}
