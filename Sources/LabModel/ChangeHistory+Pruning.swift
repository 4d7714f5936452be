import Foundation
import LabStore

/// Dropping old history: `labdb history --prune-before WHEN`.
extension ChangeHistory {
    /// What pruning before a time removes: changes, and change sets left with none.
    public struct Pruning: Sendable, Equatable {
        /// Changes removed (or that would be).
        public let changes: Int
        /// Change sets removed (or that would be).
        public let changeSets: Int

        public init(changes: Int, changeSets: Int) { self.changes = changes; self.changeSets = changeSets }
    }

    /// The stored form of a time (UTC, milliseconds), as the history records it; text
    /// in this form sorts in time order.
    public static func storedTime(_ date: Date) -> String {
        DateFormatter.utc("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").string(from: date)
    }

    /// What `prune(before:)` would remove: the change sets that began before `cutoff` (a
    /// stored time) with all their changes, and changes made outside labdb before it.
    public func pruning(before cutoff: String) throws -> Pruning {
        guard db.hasChangeHistory else { return Pruning(changes: 0, changeSets: 0) }
        let changes = try db.scalar("SELECT count(*) FROM changes c LEFT JOIN change_sets s ON s.id = c.change_set_id WHERE coalesce(s.at, c.at) < ?",
                                    [.text(cutoff)])?.int ?? 0
        let sets = try db.scalar("SELECT count(*) FROM change_sets WHERE open = 0 AND at < ?", [.text(cutoff)])?.int ?? 0
        return Pruning(changes: Int(changes), changeSets: Int(sets))
    }

    /// Removes the history recorded before `cutoff` (a stored time) in one transaction:
    /// each change set that began before it, whole (never split), with its changes, and
    /// changes made outside labdb before it. The inventory itself is not touched.
    /// Returns what was removed.
    @discardableResult
    public func prune(before cutoff: String) throws -> Pruning {
        guard db.hasChangeHistory else { return Pruning(changes: 0, changeSets: 0) }
        return try db.transaction(.immediate) {
            let planned = try pruning(before: cutoff)
            try db.execute("""
                DELETE FROM changes WHERE id IN (SELECT c.id FROM changes c LEFT JOIN change_sets s ON s.id = c.change_set_id
                                                 WHERE coalesce(s.at, c.at) < ?)
                """, [.text(cutoff)])
            let changes = db.changes
            try db.execute("DELETE FROM change_sets WHERE open = 0 AND at < ?", [.text(cutoff)])
            let sets = db.changes
            precondition(changes == planned.changes && sets == planned.changeSets, "the counts and the deletes use the same rows")
            return Pruning(changes: changes, changeSets: sets)
        }
    }
}
