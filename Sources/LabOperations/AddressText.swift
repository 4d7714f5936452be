import LabIP

/// Decodes the `family,HEX[/length]` text that the catalog's address expressions yield.
enum AddressText {
    /// `4,000000000000000000000000C0A80119` → `192.168.1.25`; with `/24` kept as a CIDR.
    static func decode(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 34, utf8[1] == UInt8(ascii: ","), let family = IPFamily(rawValue: Int(utf8[0]) - 48) else { return nil }
        var value: UInt128 = 0
        for index in 2..<34 {
            guard let digit = hexDigit(utf8[index]) else { return nil }
            value = value << 4 | UInt128(digit)
        }
        guard let address = IPAddress(family: family, value: value) else { return nil }
        if utf8.count > 34, utf8[34] == UInt8(ascii: "/") {
            return address.description + String(decoding: utf8[34...], as: UTF8.self)
        }
        return address.description
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}
