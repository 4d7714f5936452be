/// Change sets: the who/when/command row that the history triggers (migration 0004)
/// attach every changed inventory row to.
extension Database {
    /// Whether this database has the change-history tables (migration 0004 applied).
    public var hasChangeHistory: Bool {
        (try? scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'change_sets'")?.int) == 1
    }

    /// Opens a change set for `context` inside the current transaction; returns its id,
    /// or nil when there is nothing to record (no context, read-only, no history tables).
    func openChangeSet(_ context: ChangeContext?) throws -> Int64? {
        guard let context, !isReadOnly, hasChangeHistory else { return nil }
        try execute("INSERT INTO change_sets(os_user, command, open) VALUES (?, ?, 1)", [.text(context.user), .text(context.command)])
        return lastInsertRowID
    }

    /// Closes change set `id` before COMMIT: drops delete/insert pairs of identical rows
    /// (an importer that rewrites a machine's tags), then the set itself when nothing changed.
    func closeChangeSet(_ id: Int64) throws {
        let set: [SQLValue] = [.integer(id)]
        try execute("UPDATE change_sets SET open = 0 WHERE id = ?", set)
        try execute("""
            DELETE FROM changes WHERE change_set_id = ?1 AND id IN (
                SELECT d.id FROM changes d JOIN changes i
                  ON i.change_set_id = ?1 AND i.table_name = d.table_name AND i.operation = 'insert' AND i.after = d.before
                WHERE d.change_set_id = ?1 AND d.operation = 'delete'
                UNION ALL
                SELECT i.id FROM changes d JOIN changes i
                  ON i.change_set_id = ?1 AND i.table_name = d.table_name AND i.operation = 'insert' AND i.after = d.before
                WHERE d.change_set_id = ?1 AND d.operation = 'delete')
            """, set)
        try execute("DELETE FROM change_sets WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM changes WHERE change_set_id = ?1)", set)
    }
}
