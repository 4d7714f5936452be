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
        // A pair needs a delete: without one (any import into an empty database) there is
        // nothing to drop, and the index on (change_set_id, operation) says so at once.
        if try scalar("SELECT EXISTS (SELECT 1 FROM changes WHERE change_set_id = ? AND operation = 'delete')", set)?.int == 1 {
            try dropNoise(of: set)
        }
        try execute("DELETE FROM change_sets WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM changes WHERE change_set_id = ?1)", set)
    }

    /// Drops the delete/insert pairs of identical rows in the change set bound as `set`.
    private func dropNoise(of set: [SQLValue]) throws {
        // Grouping (a sort) rather than a self-join keeps this O(n log n) for a large import.
        // A pair needs a delete: only the tables with one are grouped (an import into an
        // empty database has none, and sorting its every row's JSON was a tenth of its time).
        try execute("""
            WITH rows AS (
                SELECT id, table_name, operation, coalesce(before, after) AS content FROM changes
                WHERE change_set_id = ?1 AND operation IN ('insert', 'delete')
                  AND table_name IN (SELECT table_name FROM changes WHERE change_set_id = ?1 AND operation = 'delete')),
            noise AS (
                SELECT table_name, content FROM rows GROUP BY table_name, content
                HAVING sum(operation = 'insert') = sum(operation = 'delete'))
            DELETE FROM changes WHERE id IN (SELECT rows.id FROM rows JOIN noise USING (table_name, content))
            """, set)
    }
}
