import LabIP

/// A named range's addresses: how many, how many allocated, how many free.
public struct RangeUsage: Sendable, Hashable {
    public var name: String
    public var prefix: IPNetwork
    public var bounds: IPRange
    public var size: UInt128
    /// Allocations inside the range.
    public var used: UInt128

    public init(name: String, prefix: IPNetwork, bounds: IPRange, used: UInt128) {
        self.name = name; self.prefix = prefix; self.bounds = bounds; self.size = bounds.count; self.used = used
    }

    /// Addresses not allocated.
    public var free: UInt128 { size > used ? size - used : 0 }

    /// Used as a fraction of the size.
    public var fraction: Double { Double(used) / Double(size) }
}
