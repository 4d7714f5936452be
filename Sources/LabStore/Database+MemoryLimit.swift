import CSQLite

extension Database {
    /// Runs `body` with SQLite allowed at most `bytes` of memory in the whole process
    /// (`sqlite3_hard_heap_limit64`, restored afterwards: use it where one thread runs SQL,
    /// as the shell does). A statement that needs more fails with a `StoreError` that says so.
    public func withMemoryLimit<T>(_ bytes: Int64, _ body: () throws -> T) throws -> T {
        let previous = sqlite3_hard_heap_limit64(bytes)
        defer { sqlite3_hard_heap_limit64(previous) }
        do {
            return try body()
        } catch let error as StoreError where error.code & 0xFF == SQLITE_NOMEM || error.code & 0xFF == SQLITE_TOOBIG {
            throw StoreError(code: error.code, message: "the statement needed more than its limit of \(bytes >> 20) MiB of memory and was stopped; narrow it", sql: error.sql)
        }
    }
}
