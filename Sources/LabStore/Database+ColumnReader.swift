import CSQLite

extension Database {
    /// Calls `body` with each row of `sql`, read in place through a `ColumnReader`: the
    /// fast path for loading many rows (no `Row` or `SQLValue` array per row).
    public func forEachRow(reading sql: String, _ arguments: [SQLValue] = [], _ body: (ColumnReader) throws -> Void) throws {
        let statement = try statement(sql)
        try statement.bind(arguments)
        defer { sqlite3_reset(statement.handle) }
        let reader = ColumnReader(statement: statement)
        while true {
            let rc = sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc, sql) }
            try body(reader)
        }
    }
}
