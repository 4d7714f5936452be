import CSQLite

/// The current row of a statement being stepped by `Database.forEachRow(reading:_:_:)`:
/// reads a column straight from SQLite, without building a `Row` of `SQLValue`s, for
/// loops over many rows. Valid only inside the body that receives it.
public struct ColumnReader {
    let statement: Statement
    private var handle: OpaquePointer { statement.handle }

    /// Whether the column is SQL NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The integer, when the column holds one (as `SQLValue.int`).
    public func int(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_INTEGER ? sqlite3_column_int64(handle, column) : nil
    }

    /// The text, when the column holds text (as `SQLValue.string`).
    public func string(_ column: Int32) -> String? {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let text = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: text)
    }

    /// `body` applied to the column's UTF-8 bytes (no terminating NUL), when it holds text
    /// (else nil); the bytes are valid only during `body`. Reads text without making a String.
    public func withText<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard sqlite3_column_type(handle, column) == SQLITE_TEXT, let text = sqlite3_column_text(handle, column) else { return nil }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// `body` applied to the bytes, when the column holds a blob (else nil); the bytes are
    /// valid only during `body`.
    public func withBlob<Result>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result? {
        guard sqlite3_column_type(handle, column) == SQLITE_BLOB else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(handle, column), count: count))
    }

    /// The column as an `SQLValue` (as `Row` holds it).
    public func value(_ column: Int32) -> SQLValue { statement.value(at: column) }
}
