/// Whether a range has the addresses a fit request needs.
public struct RangeCheck: Sendable, Hashable {
    public var range: String
    public var size: UInt128
    public var used: UInt128
    /// Addresses the request needs (one per VM).
    public var needed: Int

    public init(range: String, size: UInt128, used: UInt128, needed: Int) {
        self.range = range; self.size = size; self.used = used; self.needed = needed
    }

    public var free: UInt128 { size > used ? size - used : 0 }

    /// Whether the free addresses cover the request.
    public var isEnough: Bool { free >= UInt128(needed) }

    /// Free addresses as an Int (saturating), for counting VMs.
    var freeCount: Int { free > UInt128(Int.max) ? Int.max : Int(free) }
}
