/// One result row: values by position, and by column name.
public struct Row: Sendable, Hashable {
    /// Column names, in order.
    public let columns: [String]
    /// Values, in column order.
    public let values: [SQLValue]

    /// A row of `values` named by `columns`.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index`.
    public subscript(index: Int) -> SQLValue { values[index] }

    /// The value of the column named `name` (NULL when there is no such column).
    public subscript(name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    /// The text of column `name`, nil when NULL.
    public func string(_ name: String) -> String? { self[name].string }
    /// The integer of column `name`, nil when NULL.
    public func int(_ name: String) -> Int64? { self[name].int }
    /// The blob of column `name`, nil when NULL.
    public func bytes(_ name: String) -> [UInt8]? { self[name].bytes }
}
