/// A database row the inventory cannot read (a damaged or hand-edited database).
public struct InventoryDataError: Error, CustomStringConvertible, Sendable {
    /// What was found.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "unexpected data in the database: \(message); run `labdb check`" }
}
