import LabModel

/// What a sync would change on one target: creates, updates (old → new) and deletes of
/// records labdb owns, sorted deterministically, plus the desired records it cannot carry
/// out (unsupported by the target, or clashing with a record labdb does not own).
public struct DNSPlan: Sendable, Hashable {
    /// The target the plan is for.
    public let target: DNSTarget
    /// Every change, sorted.
    public let changes: [DNSChange]
    /// Desired records left out, with the reason.
    public let skipped: [DNSSkippedRecord]
    /// How many records labdb owns on the target now (the base of the safety rule).
    public let ownedCount: Int

    public init(target: DNSTarget, changes: [DNSChange], skipped: [DNSSkippedRecord] = [], ownedCount: Int) {
        self.target = target; self.changes = changes.sorted(); self.skipped = skipped.sorted(); self.ownedCount = ownedCount
    }

    public var creates: [DNSChange] { changes.filter { $0.action == .create } }
    public var updates: [DNSChange] { changes.filter { $0.action == .update } }
    public var deletes: [DNSChange] { changes.filter { $0.action == .delete } }

    /// Whether applying would change nothing.
    public var isEmpty: Bool { changes.isEmpty }

    /// `Plan for pihole: 2 to create, 1 to update, 0 to delete (14 owned records; 1 skipped).`
    public var summary: String {
        let skippedText = skipped.isEmpty ? "" : "; \(skipped.count) skipped"
        if isEmpty { return "No changes for \(target.name): the target matches the lab (\(ownedCount) owned records\(skippedText))." }
        return "Plan for \(target.name): \(creates.count) to create, \(updates.count) to update, \(deletes.count) to delete "
            + "(\(ownedCount) owned records\(skippedText))."
    }

    /// The share of owned records an apply may update or delete without `--force`.
    public static let safeFraction = 0.30
    /// Below this many owned records the safety rule does not apply.
    public static let safetyMinimum = 10

    /// Throws when the plan updates or deletes more than 30% of at least 10 owned records,
    /// unless `force` is true.
    public func checkSafety(force: Bool) throws {
        guard !force, ownedCount >= DNSPlan.safetyMinimum else { return }
        let touched = updates.count + deletes.count
        if Double(touched) > DNSPlan.safeFraction * Double(ownedCount) {
            throw DNSError.unsafePlan(target: target.name, touched: touched, owned: ownedCount)
        }
    }
}
