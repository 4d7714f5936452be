import Testing
@testable import LabIP

@Suite("IP networks and ranges")
struct IPNetworkTests {
    @Test("a /24 excludes network and broadcast")
    func slash24() throws {
        let net = try #require(IPNetwork("192.168.1.0/24"))
        #expect(net.usable.first.description == "192.168.1.1")
        #expect(net.usable.last.description == "192.168.1.254")
        #expect(net.usable.count == 254)
        #expect(net.last.description == "192.168.1.255")
    }

    @Test("a /31 is fully usable (RFC 3021)")
    func slash31() throws {
        let net = try #require(IPNetwork("10.0.0.0/31"))
        #expect(net.usable.count == 2)
        #expect(net.usable.first.description == "10.0.0.0")
    }

    @Test("a /32 is one usable address")
    func slash32() throws {
        let net = try #require(IPNetwork("10.0.0.7/32"))
        #expect(net.usable.count == 1)
        #expect(net.usable.first == net.usable.last)
    }

    @Test("an IPv6 /64 excludes only the subnet-router anycast address")
    func slash64() throws {
        let net = try #require(IPNetwork("2001:db8::/64"))
        #expect(net.usable.first.description == "2001:db8::1")
        #expect(net.usable.last.description == "2001:db8::ffff:ffff:ffff:ffff")
        #expect(AddressCount.format(net.usable.count + 1) == "2^64")
    }

    @Test("IPv6 /127 and /128 are fully usable")
    func slash127() throws {
        #expect(try #require(IPNetwork("2001:db8::/127")).usable.count == 2)
        #expect(try #require(IPNetwork("2001:db8::1/128")).usable.count == 1)
    }

    @Test("the zero network /0 holds every address")
    func zero() throws {
        let net = try #require(IPNetwork("0.0.0.0/0"))
        #expect(net.contains(try ip("255.255.255.255")))
        #expect(net.last.description == "255.255.255.255")
        let all6 = try #require(IPNetwork("::/0"))
        #expect(all6.last.value == UInt128.max)
    }

    @Test("host bits set are refused with a suggestion")
    func hostBits() {
        guard case .failure(let error) = IPNetwork.parse("192.168.1.5/24") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description.contains("did you mean 192.168.1.0/24"))
        guard case .failure = IPNetwork.parse("192.168.1.0/33") else {
            Issue.record("/33 must fail")
            return
        }
    }

    @Test("the MetalLB range holds exactly 51 addresses")
    func metallb() throws {
        #expect(try range("192.168.1.100", "192.168.1.150").count == 51)
    }

    @Test("ranges overlap only when they share an address")
    func overlap() throws {
        let a = try range("10.0.0.1", "10.0.0.10"), b = try range("10.0.0.10", "10.0.0.20"), c = try range("10.0.0.1", "10.0.0.9")
        #expect(a.overlaps(b))
        #expect(!c.overlaps(b))
        let (low, high) = (try ip("10.0.0.1"), try ip("10.0.0.2"))
        #expect(IPRange(first: high, last: low) == nil)
    }

    @Test("address counts read well", arguments: [(UInt128(51), "51"), (UInt128(1_000_000), "1,000,000"), (UInt128(1) << 64, "2^64"), ((UInt128(1) << 64) + 5, "≈2^64")])
    func counts(count: UInt128, text: String) {
        #expect(AddressCount.format(count) == text)
    }
}
