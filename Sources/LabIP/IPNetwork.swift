/// A CIDR network such as `192.168.1.0/24` or `2001:db8::/64`.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The network address (host bits zero).
    public let network: IPAddress
    /// The prefix length in bits.
    public let length: Int

    /// A network from its address and length; nil when host bits are set or the length is out of range.
    public init?(network: IPAddress, length: Int) {
        guard (0...network.family.bitWidth).contains(length),
              network.value & IPNetwork.hostMask(family: network.family, length: length) == 0 else { return nil }
        self.network = network
        self.length = length
    }

    /// Parses `ADDRESS/LENGTH`; the address must be the network address.
    public init?(_ text: String) {
        guard case .success(let parsed) = IPNetwork.parse(text) else { return nil }
        self = parsed
    }

    /// Why a CIDR text was refused.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case hostBitsSet(String, suggestion: String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "'\(text)' is not a CIDR network (expected ADDRESS/LENGTH, e.g. 192.168.1.0/24)"
            case .hostBitsSet(let text, let suggestion):
                return "'\(text)' has host bits set; did you mean \(suggestion)?"
            }
        }
    }

    /// Parses with a reason on failure.
    public static func parse(_ text: String) -> Result<IPNetwork, ParseError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])),
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), (1...3).contains(parts[1].count),
              let length = Int(parts[1]), length <= address.family.bitWidth else {
            return .failure(.malformed(text))
        }
        let mask = hostMask(family: address.family, length: length)
        guard address.value & mask == 0 else {
            let base = IPAddress(family: address.family, value: address.value & ~mask)!
            return .failure(.hostBitsSet(text, suggestion: "\(base)/\(length)"))
        }
        return .success(IPNetwork(network: address, length: length)!)
    }

    static func hostMask(family: IPFamily, length: Int) -> UInt128 {
        let hostBits = family.bitWidth - length
        return hostBits >= 128 ? UInt128.max : (UInt128(1) << hostBits) - 1
    }

    /// IPv4 or IPv6.
    public var family: IPFamily { network.family }
    /// The first address (the network address).
    public var first: IPAddress { network }
    /// The last address (IPv4 broadcast).
    public var last: IPAddress {
        IPAddress(family: family, value: network.value | IPNetwork.hostMask(family: family, length: length))!
    }

    /// Whether `address` lies in this network.
    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && address.value >= first.value && address.value <= last.value
    }

    /// Whether `other` lies entirely in this network.
    public func contains(_ other: IPNetwork) -> Bool {
        other.family == family && other.length >= length && contains(other.network)
    }

    /// The addresses a host may use. IPv4 shorter than /31 excludes network and broadcast;
    /// IPv6 shorter than /127 excludes the subnet-router anycast address (the first one).
    public var usable: IPRange {
        switch (family, length) {
        case (.v4, ..<31):
            return IPRange(first: first.advanced(by: 1)!, last: last.retreated(by: 1)!)!
        case (.v6, ..<127):
            return IPRange(first: first.advanced(by: 1)!, last: last)!
        default:
            return IPRange(first: first, last: last)!
        }
    }

    /// The addresses of the network no host may use: network and broadcast for IPv4
    /// shorter than /31, the subnet-router anycast address for IPv6 shorter than /127.
    public var reserved: [IPAddress] {
        switch (family, length) {
        case (.v4, ..<31): return [first, last]
        case (.v6, ..<127): return [first]
        default: return []
        }
    }

    public var description: String { "\(network)/\(length)" }
}
