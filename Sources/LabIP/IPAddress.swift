/// An IPv4 or IPv6 address held as an unsigned 128-bit number.
///
/// IPv4 addresses use the low 32 bits. Ordering is numeric within a family,
/// and IPv4 sorts before IPv6.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// IPv4 or IPv6.
    public let family: IPFamily
    /// The numeric value of the address.
    public let value: UInt128

    /// An address of `family` with numeric `value`; nil when the value does not fit the family.
    public init?(family: IPFamily, value: UInt128) {
        guard value <= family.maxValue else { return nil }
        self.family = family
        self.value = value
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail).
    /// Leading zeros in IPv4 octets are refused, since some tools read them as octal.
    public init?(_ text: String) {
        if text.contains(":") {
            guard let value = IPAddress.parseV6(Substring(text)) else { return nil }
            self.family = .v6
            self.value = value
        } else {
            guard let value = IPAddress.parseV4(Substring(text)) else { return nil }
            self.family = .v4
            self.value = UInt128(value)
        }
    }

    /// The address as 16 big-endian bytes (IPv4 in the last four), the storage form.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// Rebuilds an address from its 16-byte storage form.
    @inlinable
    public init?(family: IPFamily, bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var value: UInt128 = 0
        for byte in bytes { value = value << 8 | UInt128(byte) }
        self.init(family: family, value: value)
    }

    /// The address from its 16 stored bytes, as read from a database row. This concrete form
    /// spares every row read the generic collection walk across module boundaries.
    public init?(family: IPFamily, bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        let value = bytes.withUnsafeBufferPointer { buffer in
            var value: UInt128 = 0
            for byte in buffer { value = value << 8 | UInt128(byte) }
            return value
        }
        self.init(family: family, value: value)
    }

    /// The address `offset` places further on, or nil past the end of the family.
    public func advanced(by offset: UInt128) -> IPAddress? {
        let (sum, overflow) = value.addingReportingOverflow(offset)
        guard !overflow else { return nil }
        return IPAddress(family: family, value: sum)
    }

    /// The address `offset` places back, or nil before the start of the family.
    public func retreated(by offset: UInt128) -> IPAddress? {
        guard value >= offset else { return nil }
        return IPAddress(family: family, value: value - offset)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.family.rawValue, lhs.value) < (rhs.family.rawValue, rhs.value)
    }

    /// Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed).
    public var description: String {
        switch family {
        case .v4:
            let v = UInt32(truncatingIfNeeded: value)
            return "\(v >> 24).\((v >> 16) & 0xFF).\((v >> 8) & 0xFF).\(v & 0xFF)"
        case .v6:
            let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (16 * (7 - $0))) }
            var bestStart = -1, bestLength = 0, index = 0
            while index < 8 {
                if groups[index] == 0 {
                    let start = index
                    while index < 8 && groups[index] == 0 { index += 1 }
                    if index - start > bestLength { bestStart = start; bestLength = index - start }
                } else {
                    index += 1
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard bestLength >= 2 else { return hex.joined(separator: ":") }
            let head = hex[..<bestStart].joined(separator: ":")
            let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  part.count == 1 || part.first != "0",
                  let octet = UInt32(part), octet <= 255 else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        guard text.count <= 45, !text.isEmpty else { return nil }
        var halves: [String] = []
        if let range = text.firstRange(of: "::") {
            halves = [String(text[..<range.lowerBound]), String(text[range.upperBound...])]
            if halves[1].contains("::") { return nil }
        } else {
            halves = [String(text)]
        }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit),
                          let group = UInt16(piece, radix: 16) else { return nil }
                    result.append(group)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }
}
