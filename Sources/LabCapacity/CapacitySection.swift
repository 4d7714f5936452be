import LabModel

/// One named part of a capacity answer: a table of rows, or a single record (a summary).
public struct CapacitySection: Sendable, Hashable {
    /// The key in json and yaml (`hosts`, `pools`, `summary`).
    public var name: String
    /// The heading in table and csv output.
    public var title: String
    public var table: ResultTable
    /// Whether the section is one record: an object (not an array) in json, `key: value` lines in a table.
    public var isRecord: Bool

    public init(name: String, title: String, table: ResultTable, isRecord: Bool = false) {
        self.name = name; self.title = title; self.table = table; self.isRecord = isRecord
    }
}
