/// A value bound to a compiled statement (LabQuery does not depend on SQLite).
public enum QueryValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A column of a compiled read: its name and how to present it.
public struct OutputColumn: Hashable, Sendable {
    /// The column's name in the result (a field name, or `count`).
    public let name: String
    /// The field type, which decides the rendering (sizes in GiB, addresses as text).
    public let type: FieldType
    /// What a table shows for a null value in this column: `(none)` for the group column
    /// of `count by` / `sum by` (the group of objects with no value); machine formats keep null.
    public var nullLabel: String? = nil
}

/// SQL text and its bound values: the SQL holds identifiers from the catalog only.
public struct CompiledQuery: Hashable, Sendable {
    /// The SQL, with `?` for every value.
    public let sql: String
    /// One value per `?`, in order.
    public let arguments: [QueryValue]
    /// The result columns, in order.
    public let columns: [OutputColumn]
}

/// A compiled `set`: find the object, then update it.
public struct CompiledUpdate: Hashable, Sendable {
    /// Finds the ids of the object (must be exactly one).
    public let lookup: CompiledQuery
    /// `UPDATE ... SET ... WHERE id = ?`: bind `values` then the id.
    public let sql: String
    /// The new values, in SET order.
    public let values: [QueryValue]
}

/// A compiled `delete`: find the object, refuse when others depend on it, then remove it.
public struct CompiledDelete: Hashable, Sendable {
    /// Finds the ids of the object (must be exactly one).
    public let lookup: CompiledQuery
    /// Each: what depends (e.g. "vms") and SQL listing their names, `?` bound to the id.
    public let dependants: [Dependant]
    /// DELETE statements, in order; every `?` is the id.
    public let steps: [String]

    /// Objects of one kind that depend on the one being deleted.
    public struct Dependant: Hashable, Sendable {
        /// What they are, e.g. "vms".
        public let label: String
        /// Lists their names; every `?` is the id.
        public let sql: String
    }
}
