import LabIP
import LabModel
import LabStore
import Testing

/// Each IP edge case in its own named test, on a real database file.
@Suite("IPAM edge cases")
struct IPAMEdgeCaseTests {
    @Test("a /31 hands out both addresses")
    func slash31BothUsable() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.0/31", first: "10.0.0.0", last: "10.0.0.1"))
        let got = try lab.allocator.allocate(fromRange: "pool", to: "a", count: 2).map(\.address)
        #expect(got == [.of("10.0.0.0"), .of("10.0.0.1")])
        #expect(throws: IPAMError.rangeExhausted(name: "pool", size: "2")) { try lab.allocator.allocate(fromRange: "pool", to: "a") }
    }

    @Test("a /32 hands out its one address")
    func slash32SingleAddress() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.0.0.5/32", first: "10.0.0.5", last: "10.0.0.5"))
        #expect(try lab.allocator.next(inRange: "pool") == [.of("10.0.0.5")])
        #expect(try lab.allocator.allocate(.of("10.0.0.5"), to: "a").address == .of("10.0.0.5"))
        #expect(throws: IPAMError.rangeExhausted(name: "pool", size: "1")) { try lab.allocator.next(inRange: "pool") }
    }

    @Test("an IPv6 /127 hands out both addresses, including the first")
    func slash127BothUsable() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "2001:db8::/127", first: "2001:db8::", last: "2001:db8::1"))
        #expect(try lab.allocator.next(inRange: "pool", count: 2) == [.of("2001:db8::"), .of("2001:db8::1")])
        #expect(try lab.allocator.allocate(.of("2001:db8::"), to: "a").address == .of("2001:db8::"))
    }

    @Test("an IPv6 /128 hands out its one address")
    func slash128SingleAddress() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "2001:db8::7/128", first: "2001:db8::7", last: "2001:db8::7"))
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "a").map(\.address) == [.of("2001:db8::7")])
        #expect(throws: IPAMError.rangeExhausted(name: "pool", size: "1")) { try lab.allocator.allocate(fromRange: "pool", to: "a") }
    }

    @Test("IPv4 network and broadcast addresses are never handed out")
    func v4NetworkAndBroadcastExcluded() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.1.0.0/24", first: "10.1.0.0", last: "10.1.0.255"))
        let all = try lab.allocator.next(inRange: "pool", count: 254)
        #expect(all.first == .of("10.1.0.1") && all.last == .of("10.1.0.254"))
        #expect(throws: IPAMError.tooFewFree(name: "pool", free: 254, asked: 255, size: "254")) { try lab.allocator.next(inRange: "pool", count: 255) }
        #expect(throws: IPAMError.notUsable(address: .of("10.1.0.0"), prefix: IPNetwork("10.1.0.0/24")!, role: "the network address")) {
            try lab.allocator.allocate(.of("10.1.0.0"), to: "a")
        }
        #expect(throws: IPAMError.notUsable(address: .of("10.1.0.255"), prefix: IPNetwork("10.1.0.0/24")!, role: "the broadcast address")) {
            try lab.allocator.allocate(.of("10.1.0.255"), to: "a")
        }
        #expect(try lab.addressCount() == 0)
    }

    @Test("the IPv6 subnet-router anycast address is never handed out")
    func v6AnycastExcluded() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "2001:db8:1::/64", first: "2001:db8:1::", last: "2001:db8:1::ff"))
        #expect(try lab.allocator.allocate(fromRange: "pool", to: "a").map(\.address) == [.of("2001:db8:1::1")])
        #expect(throws: IPAMError.notUsable(address: .of("2001:db8:1::"), prefix: IPNetwork("2001:db8:1::/64")!, role: "the subnet-router anycast address")) {
            try lab.allocator.allocate(.of("2001:db8:1::"), to: "a")
        }
        // The last address of an IPv6 prefix is an ordinary one.
        #expect(try lab.allocator.allocate(.of("2001:db8:1::ffff:ffff:ffff:ffff"), to: "a").address == .of("2001:db8:1::ffff:ffff:ffff:ffff"))
    }

    @Test("a MetalLB pool 192.168.1.100-150 hands out exactly its 51 addresses")
    func metalLBFiftyOneAddresses() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "192.168.1.0/24", first: "192.168.1.100", last: "192.168.1.150", name: "metallb"))
        let got = try lab.allocator.allocate(fromRange: "metallb", to: "svc", count: 51).map(\.address)
        #expect(got == (100...150).map { IPAddress.of("192.168.1.\($0)") })
        #expect(throws: IPAMError.rangeExhausted(name: "metallb", size: "51")) { try lab.allocator.allocate(fromRange: "metallb", to: "svc") }
    }

    @Test("a full range's message names the range and its size")
    func rangeFullMessage() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "192.168.1.0/24", first: "192.168.1.100", last: "192.168.1.102", name: "metallb"))
        try lab.allocator.allocate(fromRange: "metallb", to: "svc", count: 3)
        let error = #expect(throws: IPAMError.self) { try lab.allocator.allocate(fromRange: "metallb", to: "svc") }
        #expect(error?.description.contains("range 'metallb' is full") == true)
        #expect(error?.description.contains("all 3 usable addresses") == true)
    }

    @Test("asking for more than is free allocates nothing")
    func overAskingChangesNothing() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.2.0.0/24", first: "10.2.0.10", last: "10.2.0.19"))
        try lab.allocator.allocate(fromRange: "pool", to: "a", count: 4)
        let runsBefore = try lab.runs()
        #expect(throws: IPAMError.tooFewFree(name: "pool", free: 6, asked: 7, size: "10")) { try lab.allocator.allocate(fromRange: "pool", to: "a", count: 7) }
        #expect(try lab.addressCount() == 4)
        #expect(try lab.runs() == runsBefore)
    }

    @Test("a taken address names its holder")
    func takenAddressNamesHolder() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.3.0.0/24", first: "10.3.0.10", last: "10.3.0.19"))
        try lab.allocator.allocate(.of("10.3.0.50"), to: "svc")
        #expect(throws: IPAMError.addressTaken(address: .of("10.3.0.50"), holder: "service svc")) {
            try lab.allocator.allocate(.of("10.3.0.50"), to: "a")
        }
        #expect(try lab.addressCount() == 1)
    }

    @Test("an address outside every prefix is refused")
    func outsideEveryPrefix() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.4.0.0/24", first: "10.4.0.10", last: "10.4.0.19"))
        #expect(throws: IPAMError.outsideEveryPrefix(address: .of("10.5.0.1"))) { try lab.allocator.allocate(.of("10.5.0.1"), to: "a") }
        #expect(throws: IPAMError.outsideEveryPrefix(address: .of("2001:db8::1"))) { try lab.allocator.allocate(.of("2001:db8::1"), to: "a") }
        #expect(try lab.addressCount() == 0)
    }

    @Test("releasing an unallocated address is refused")
    func releasingUnallocated() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.6.0.0/24", first: "10.6.0.10", last: "10.6.0.19"))
        #expect(throws: IPAMError.notAllocated(address: .of("10.6.0.11"))) { try lab.allocator.release(.of("10.6.0.11")) }
        try lab.allocator.allocate(fromRange: "pool", to: "a")
        #expect(try lab.allocator.release(.of("10.6.0.10")).holder == "machine a")
        #expect(throws: IPAMError.notAllocated(address: .of("10.6.0.10"))) { try lab.allocator.release(.of("10.6.0.10")) }
    }

    @Test("an unknown range is refused with the closest name")
    func unknownRange() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "192.168.1.0/24", first: "192.168.1.100", last: "192.168.1.150", name: "metallb"))
        #expect(throws: IPAMError.unknownRange(name: "metalb", suggestion: "metallb")) { try lab.allocator.next(inRange: "metalb") }
        #expect(throws: IPAMError.unknownRange(name: "dhcp", suggestion: nil)) { try lab.allocator.allocate(fromRange: "dhcp", to: "a") }
    }

    @Test("an unknown holder is refused with the closest name, and nothing is allocated")
    func unknownHolder() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.7.0.0/24", first: "10.7.0.10", last: "10.7.0.19"))
        #expect(throws: IPAMError.unknownHolder(name: "svd", suggestion: "svc")) { try lab.allocator.allocate(fromRange: "pool", to: "svd") }
        #expect(try lab.addressCount() == 0)
    }

    @Test("range names resolve case-insensitively")
    func rangeNameCaseInsensitive() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.8.0.0/24", first: "10.8.0.10", last: "10.8.0.19", name: "MetalLB"))
        #expect(try lab.allocator.next(inRange: "metallb") == [.of("10.8.0.10")])
    }

    @Test("a range's bounds are clamped to its prefix's usable bounds")
    func rangeClampedToUsable() throws {
        let lab = try IPAMTestLab(IPAMTestLab.oneRange(cidr: "10.9.0.0/29", first: "10.9.0.0", last: "10.9.0.7"))
        #expect(try lab.allocator.next(inRange: "pool", count: 6) == (1...6).map { IPAddress.of("10.9.0.\($0)") })
        #expect(throws: IPAMError.tooFewFree(name: "pool", free: 6, asked: 7, size: "6")) { try lab.allocator.next(inRange: "pool", count: 7) }
    }
}
