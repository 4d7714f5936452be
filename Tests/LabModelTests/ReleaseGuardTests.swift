import LabIP
import LabModel
import LabStore
import Testing

/// A release checks only the records that point at the released address (so that it costs
/// the same in a lab of any size), but still finds them however their value is spelled.
@Suite("release refuses to leave a record dangling")
struct ReleaseGuardTests {
    /// A dual-stack lab: `a` holds 10.0.0.5 and 2001:db8::5; `www` points at both, the AAAA
    /// record spelled in capitals and uncompressed, as a lab file may spell it.
    static let lab = """
        prefixes:
          - cidr: 10.0.0.0/24
            ranges: [{name: v4, first: 10.0.0.2, last: 10.0.0.200, purpose: static}]
          - cidr: "2001:db8::/64"
            ranges: [{name: v6, first: "2001:db8::2", last: "2001:db8::ffff", purpose: static}]
        hosts:
          - name: a
            kind: server
            addresses: [{ip: 10.0.0.5}, {ip: 10.0.0.6}, {ip: "2001:db8::5"}, {ip: "2001:db8::6"}]
        zones:
          - name: example.test
            records:
              - {name: www, type: A, value: 10.0.0.5, view: internal}
              - {name: www, type: AAAA, value: "2001:0DB8:0:0:0:0:0:5", view: internal}
        """

    @Test("an IPv4 address a record points at is kept, and nothing changes")
    func v4Refused() throws {
        let lab = try IPAMTestLab(Self.lab)
        #expect(throws: ConsistencyViolation.self) { try lab.allocator.release(.of("10.0.0.5")) }
        #expect(try lab.addressCount() == 4)
    }

    @Test("an IPv6 address is found behind another spelling of it")
    func v6OtherSpellingRefused() throws {
        let lab = try IPAMTestLab(Self.lab)
        do {
            try lab.allocator.release(.of("2001:db8::5"))
            Issue.record("the release of an address a record points at was accepted")
        } catch let violation as ConsistencyViolation {
            #expect(violation.findings.map(\.rule) == ["record-unallocated"])
            #expect(violation.findings.first?.object == "record www.example.test AAAA (internal)")
        }
        #expect(try lab.addressCount() == 4)
    }

    @Test("addresses no record points at are released in either family")
    func unreferencedReleased() throws {
        let lab = try IPAMTestLab(Self.lab)
        try lab.allocator.release(.of("10.0.0.6"))
        try lab.allocator.release(.of("2001:db8::6"))
        #expect(try lab.addressCount() == 2)
    }
}
