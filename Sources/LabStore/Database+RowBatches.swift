/// Inserting many rows with few statements.
extension Database {
    /// The most rows one batched statement inserts.
    static let rowsPerBatch = 64

    /// Inserts one row per element of `rows`, several rows per statement, in order:
    /// `insert` is an `INSERT INTO table(columns)` without its rows, and `select` the
    /// expressions of one row, read from a row `v` whose columns are named `columns`, e.g.
    /// `(SELECT id FROM machines WHERE name = v.machine), v.tag` from `["machine", "tag"]`.
    /// Each element of `rows` holds the values of `columns`, bound as parameters.
    ///
    /// Each row fires its triggers as its own statement would. Why batches: inside a
    /// transaction, a statement whose triggers write (the change history) keeps a statement
    /// journal, a copy of every page it changes, taken afresh by each statement; one
    /// statement per row copied the history table's page and its index pages once per
    /// row, one per batch copies them once per batch. A batch reads `v` (not one subquery
    /// per row) so that it keeps few cursors open, and has a power-of-two size, so that a
    /// few prepared statements serve every count.
    ///
    /// `select` must not read what inserting an earlier row of the same batch writes (the
    /// table, or what its triggers write): SQLite may compute every row of a batch before
    /// inserting the first (it does when the table has triggers).
    public func insertRows(_ insert: String, select: String, from columns: [String], _ rows: some Sequence<[SQLValue]>) throws(StoreError) {
        // Rows are taken from `rows` a batch at a time: a large import's rows are never all
        // held as values at once.
        var batch: [[SQLValue]] = []
        batch.reserveCapacity(Database.rowsPerBatch)
        // The full batch's statement is written once, when a first full batch comes.
        var full: String?
        for row in rows {
            batch.append(row)
            if batch.count == Database.rowsPerBatch {
                let sql = full ?? Database.batchSQL(insert, select: select, from: columns, rows: Database.rowsPerBatch)
                full = sql
                try execute(sql, batch.flatMap { $0 })
                batch.removeAll(keepingCapacity: true)
            }
        }
        var start = 0
        while start < batch.count {
            var size = Database.rowsPerBatch
            while size > batch.count - start { size /= 2 }
            try execute(Database.batchSQL(insert, select: select, from: columns, rows: size), batch[start..<start + size].flatMap { $0 })
            start += size
        }
    }

    /// The statement inserting `rows` rows.
    private static func batchSQL(_ insert: String, select: String, from columns: [String], rows: Int) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        // The row's position orders the batch: SQLite promises no order without ORDER BY.
        let values = (0..<rows).map { "(\($0), \(placeholders))" }.joined(separator: ", ")
        return """
            WITH v(position_in_batch, \(columns.joined(separator: ", "))) AS (VALUES \(values))
            \(insert) SELECT \(select) FROM v ORDER BY position_in_batch
            """
    }
}
