import Testing
@testable import LabIP

@Suite("IP addresses")
struct IPAddressTests {
    @Test("IPv4 parses and prints canonically", arguments: ["0.0.0.0", "192.168.1.10", "255.255.255.255", "10.0.0.1"])
    func ipv4RoundTrip(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.family == .v4)
        #expect(address.description == text)
    }

    @Test("IPv4 rejects malformed text", arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ", "-1.2.3.4"])
    func ipv4Rejects(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("IPv6 prints RFC 5952 form", arguments: [
        ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::", "::"), ("::1", "::1"), ("fe80::", "fe80::"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("2001:db8::0:1:0:0:0", "2001:db8:0:0:1::"),
        ("::ffff:192.168.1.1", "::ffff:c0a8:101"), ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
    ])
    func ipv6Canonical(input: String, expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.family == .v6)
        #expect(address.description == expected)
        #expect(IPAddress(expected) == address)
    }

    @Test("IPv6 rejects malformed text", arguments: [":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "1:2:3:4:5:6:7", "::1.2.3"])
    func ipv6Rejects(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("storage bytes round-trip and sort numerically")
    func bytes() throws {
        let a = try #require(IPAddress("192.168.1.9"))
        let b = try #require(IPAddress("192.168.1.10"))
        #expect(a.bytes.count == 16)
        #expect(a.bytes.suffix(4) == [192, 168, 1, 9])
        #expect(IPAddress(family: .v4, bytes: a.bytes) == a)
        #expect(a.bytes.lexicographicallyPrecedes(b.bytes))
        #expect(a < b)
        let v6 = try #require(IPAddress("2001:db8::ff"))
        #expect(IPAddress(family: .v6, bytes: v6.bytes) == v6)
        #expect(v6.bytes == [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff])
        // Any collection of bytes, not only an array (the generic form), and only 16 of them.
        #expect(IPAddress(family: .v6, bytes: v6.bytes[...]) == v6)
        #expect(IPAddress(family: .v4, bytes: [UInt8](repeating: 0, count: 15)) == nil)
        #expect(IPAddress(family: .v4, bytes: v6.bytes) == nil, "an IPv6 value is no IPv4 address")
    }

    @Test("advancing stops at the end of the family")
    func advancing() throws {
        let last = try #require(IPAddress("255.255.255.255"))
        #expect(last.advanced(by: 1) == nil)
        #expect(try #require(IPAddress("10.0.0.255")).advanced(by: 1)?.description == "10.0.1.0")
        #expect(try #require(IPAddress("::")).retreated(by: 1) == nil)
    }
}
