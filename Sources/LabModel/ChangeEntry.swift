/// One recorded change of one inventory row.
public struct ChangeEntry: Sendable, Hashable {
    public var id: Int64
    /// The change set (nil for a write made outside labdb, e.g. raw SQL).
    public var changeSet: Int64?
    /// UTC, ISO 8601 with milliseconds.
    public var at: String
    public var user: String?
    public var command: String?
    /// The table changed, e.g. `machines`.
    public var table: String
    /// `insert`, `update` or `delete`.
    public var operation: String
    /// The object's name; addresses and prefixes decoded (`192.168.1.25`, `192.168.1.0/24`).
    public var object: String
    /// The row before (nil for an insert) and after (nil for a delete), as JSON with addresses decoded.
    public var before: String?
    public var after: String?
}
