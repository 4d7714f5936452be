/// The address family of an IP address or network.
public enum IPFamily: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case v4 = 4
    case v6 = 6

    /// Number of bits in an address of this family.
    public var bitWidth: Int { self == .v4 ? 32 : 128 }

    /// The largest address value of this family.
    public var maxValue: UInt128 { self == .v4 ? UInt128(UInt32.max) : UInt128.max }

    public var description: String { self == .v4 ? "IPv4" : "IPv6" }
}
