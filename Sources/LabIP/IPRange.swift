/// An inclusive range of addresses of one family, such as `192.168.1.100-192.168.1.150`.
public struct IPRange: Hashable, Sendable, CustomStringConvertible {
    /// The first address in the range.
    public let first: IPAddress
    /// The last address in the range (inclusive).
    public let last: IPAddress

    /// A range from `first` to `last`; nil when the families differ or `last` precedes `first`.
    public init?(first: IPAddress, last: IPAddress) {
        guard first.family == last.family, first.value <= last.value else { return nil }
        self.first = first
        self.last = last
    }

    /// IPv4 or IPv6.
    public var family: IPFamily { first.family }

    /// Number of addresses, as an exact count (saturates at UInt128.max for all of IPv6).
    public var count: UInt128 {
        let span = last.value - first.value
        return span == UInt128.max ? span : span + 1
    }

    /// Whether `address` lies in the range.
    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.value >= first.value && address.value <= last.value
    }

    /// Whether `other` lies entirely in this range.
    public func contains(_ other: IPRange) -> Bool { contains(other.first) && contains(other.last) }

    /// Whether the two ranges share at least one address.
    public func overlaps(_ other: IPRange) -> Bool {
        family == other.family && first.value <= other.last.value && other.first.value <= last.value
    }

    /// The part of this range that also lies in `other`, if any.
    public func clamped(to other: IPRange) -> IPRange? {
        guard overlaps(other) else { return nil }
        return IPRange(first: max(first, other.first), last: min(last, other.last))
    }

    public var description: String { "\(first)-\(last)" }
}
