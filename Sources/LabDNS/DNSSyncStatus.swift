import Foundation
import LabModel
import LabStore

/// What the last `dns plan` and `dns apply` found for each target, kept in the database
/// for `/metrics` (pending changes, time of the last successful apply) and the pages.
public struct DNSSyncStatus {
    let db: Database

    /// Status rows of `database` (which must be writable to record).
    public init(database: Database) { self.db = database }

    /// Records that a plan for `target` found `pending` changes.
    public func recordPlan(target: String, pending: Int, now: Date = Date()) throws {
        try db.execute("""
            INSERT INTO dns_sync_status(target_id, last_plan_at, pending_changes)
            SELECT id, ?1, ?2 FROM dns_targets WHERE name = ?3
            ON CONFLICT(target_id) DO UPDATE SET last_plan_at = excluded.last_plan_at, pending_changes = excluded.pending_changes
            """, [.text(DateFormatter.utcSeconds(now)), .integer(Int64(pending)), .text(target)])
    }

    /// Records the outcome of an apply to `target`: `result` is a short summary; a success
    /// also sets the last successful sync and leaves nothing pending.
    public func recordApply(target: String, succeeded: Bool, result: String, now: Date = Date()) throws {
        let time = DateFormatter.utcSeconds(now)
        try db.execute("""
            INSERT INTO dns_sync_status(target_id, last_apply_at, last_apply_result, last_success_at, pending_changes)
            SELECT id, ?1, ?2, CASE WHEN ?3 THEN ?1 END, 0 FROM dns_targets WHERE name = ?4
            ON CONFLICT(target_id) DO UPDATE SET last_apply_at = excluded.last_apply_at, last_apply_result = excluded.last_apply_result,
                last_success_at = coalesce(excluded.last_success_at, dns_sync_status.last_success_at),
                pending_changes = CASE WHEN ?3 THEN 0 ELSE dns_sync_status.pending_changes END
            """, [.text(time), .text(result), .integer(succeeded ? 1 : 0), .text(target)])
    }
}

extension DNSSyncStatus {
    /// Every target with its last plan and apply, as the DNS page lists them.
    public func table() throws -> ResultTable {
        var table = ResultTable(columns: ["target", "kind", "zone", "view", "last_plan", "pending", "last_apply", "result", "last_success"])
        for row in try db.query("""
            SELECT t.name, t.kind, z.name AS zone, t.view, s.last_plan_at, s.pending_changes, s.last_apply_at, s.last_apply_result, s.last_success_at
            FROM dns_targets t JOIN zones z ON z.id = t.zone_id LEFT JOIN dns_sync_status s ON s.target_id = t.id ORDER BY t.name
            """) {
            func text(_ column: String) -> Cell { row.string(column).map(Cell.text) ?? .null }
            table.rows.append([text("name"), text("kind"), text("zone"), text("view"), text("last_plan_at"),
                               row.int("pending_changes").map(Cell.int) ?? .null, text("last_apply_at"), text("last_apply_result"), text("last_success_at")])
        }
        return table
    }
}
